import { aggregateCommand } from './aggregate';
import { askCommand } from './ask';
import { benchCommand } from './bench';
import { cliConfig, extractStackOption, withRuntime } from './context';
import { devCommand } from './dev';
import { faqCommand, importFaqCommand } from './faq';
import { importProductsCommand } from './import';
import { importOrdersCommand } from './import-orders';
import { insightsCommand } from './insights';
import { processIo, reportError, UsageError, type CliIo } from './io';
import { partnerCommand } from './partner';
import { slackCommand } from './slack';
import { privacyCommand } from './privacy';
import { storeCommand } from './store';
import { teamsCommand } from './teams';
import { strategyCommand } from './strategy';

const HELP = `shopguide <command>

  dev                                   run the product locally (what npm start runs)
  store create <id> --name <name>       create a store
  store rotate-identity-secret --store <id>   new shopper-identity secret
  privacy export|erase --store <id> --customer <id>   a verified customer's data
  store set --store <id> --feed-url https://… | --shopify-secret <s>
                                        catalog sync: a feed the stack pulls, Shopify webhooks
  store pull --store <id>               pull the store's feed now
  import products <file> --store <id>   import a catalog (JSON or CSV)
  import orders <file> --store <id>     import orders (JSON or CSV), safe to re-run
  import faq <file> --store <id>        import FAQ entries (Markdown or CSV), safe to re-run
                                        (imports take --dry-run: what would change, nothing written)
  faq add --store <id> --question "…" --answer "…"
                                        a store FAQ entry the assistant answers from (--question repeats)
  faq list|edit <entryId>|remove <entryId> --store <id>
                                        list, change (--question/--answer) or remove FAQ entries
  partner link-code <storeId> [--role owner|staff] [--purpose merchant|shopper]
  partner list --store <id>             bindings, members and the audit trail
  partner unlink --store <id> --platform slack|teams --tenant <id> [--conversation <id>]
  insights --store <id> "question"      merchant insights [--csv] [--chart out.png]
  ask --store <id> "text"               ask the shopper assistant
  slack manifest [--url <base>]         the Slack app manifest to paste into Slack
  teams package [--out f.zip] [--app-id <id>]
                                        the Teams app zip (manifest + icons) to upload
  bench [--json] [--only a,b]           measure against docs/quality-bars.md
  aggregate [--store <id>]              run the feedback loop now (metrics, boosts, strategy)
  strategy show|pin <variant>|reset --store <id>
                                        the store's guidance strategy, its history; pin or reset
  help                                  this help

Add --json for machine output. DATA_DIR (default .data) is shared by every local command.
Add --stack <name> (or set SHOPGUIDE_STACK) to act on a deployed stack instead: its outputs are read through
CloudFormation with your AWS credentials; nothing is seeded or created there (docs/deploy.md).`;

/** CLI entry: dispatches a command and turns any failure into one line and a non-zero exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    const global = extractStackOption(argv);
    const [command, ...args] = global.argv;
    const config = () => cliConfig(process.env, global.stack);
    if (command === 'dev' && config().stackName) {
      throw new UsageError('dev runs locally; --stack and SHOPGUIDE_STACK are for admin commands');
    }
    switch (command) {
      case 'dev':
        return await devCommand(args, io);
      case 'store':
        return await withRuntime(config(), io, (r) => storeCommand(args, io, r.services));
      case 'import': {
        const [kind, ...rest] = args;
        if (kind === 'products')
          return await withRuntime(config(), io, (r) => importProductsCommand(rest, io, r.services));
        if (kind === 'orders')
          return await withRuntime(config(), io, (r) => importOrdersCommand(rest, io, r.services));
        if (kind === 'faq')
          return await withRuntime(config(), io, (r) => importFaqCommand(rest, io, r.services));
        throw new UsageError('usage: shopguide import products|orders|faq <file> --store <storeId>');
      }
      case 'faq':
        return await withRuntime(config(), io, (r) => faqCommand(args, io, r.services));
      case 'partner':
        return await withRuntime(config(), io, (r) => partnerCommand(args, io, r.services));
      case 'insights':
        return await withRuntime(config(), io, (r) => insightsCommand(args, io, r.services));
      case 'teams':
        return await teamsCommand(args, io);
      case 'slack':
        return await slackCommand(args, io);
      case 'ask':
        return await withRuntime(config(), io, (r) => askCommand(args, io, r.services));
      case 'bench':
        return await benchCommand(args, io);
      case 'aggregate':
        return await withRuntime(config(), io, (r) => aggregateCommand(args, io, r));
      case 'strategy':
        return await withRuntime(config(), io, (r) => strategyCommand(args, io, r.services));
      case 'privacy':
        return await withRuntime(config(), io, (r) => privacyCommand(args, io, r.services));
      case undefined:
      case 'help':
      case '--help':
        io.out(HELP);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"; run shopguide help`);
    }
  } catch (error) {
    return reportError(error, io);
  }
}
