import type { Composition } from '../../functions/app/compose';
import { ValidationError } from '../../functions/errors/errors';
import { AuditTrail } from '../../functions/storage/audit-trail';
import { assertPlatform } from '../../functions/partners/partner-service';
import { WHOLE_TENANT } from '../../functions/partners/partner';
import { cliUser } from './insights';
import { parse, table, UsageError, type CliIo } from './io';

/** One line, like every usage error; `shopguide help` has the options of each subcommand. */
const USAGE =
  'usage: shopguide partner link-code <storeId> | list --store <storeId> | unlink --store <storeId> --platform slack|teams --tenant <id> (options: shopguide help)';

/** `shopguide partner link-code|list|unlink`: who can reach a store from Slack and Teams, with an audit trail. */
export async function partnerCommand(args: string[], io: CliIo, services: Composition): Promise<number> {
  const [sub, ...rest] = args;
  const audit = new AuditTrail(services.table);
  switch (sub) {
    case 'link-code': {
      const { values, positionals } = parse(rest, {
        role: { type: 'string', default: 'owner' },
        purpose: { type: 'string', default: 'merchant' },
        store: { type: 'string' },
        json: { type: 'boolean', default: false },
      });
      const storeId = positionals[0] ?? values.store;
      if (!storeId) throw new UsageError(USAGE);
      if (values.role !== 'owner' && values.role !== 'staff')
        throw new ValidationError('--role must be owner or staff');
      if (values.purpose !== 'merchant' && values.purpose !== 'shopper') {
        throw new ValidationError('--purpose must be merchant or shopper');
      }
      const code = await services.partnerService.createLinkCode(storeId, {
        role: values.role,
        purpose: values.purpose,
      });
      const expires = new Date(code.expiresAt * 1000).toISOString();
      await audit.record({
        storeId,
        action: 'link_code',
        at: services.now().toISOString(),
        platform: 'cli',
        userId: cliUser(),
        detail: `link code for ${code.purpose} (${code.role}), expires ${expires}`,
      });
      if (values.json) {
        io.out(
          JSON.stringify({
            code: code.code,
            storeId,
            role: code.role,
            purpose: code.purpose,
            expiresAt: expires,
          }),
        );
      } else {
        io.out(`Link code for ${storeId}: ${code.code}`);
        io.out(`Single use, expires ${expires}. Role ${code.role}, for ${code.purpose}s.`);
        io.out(
          code.purpose === 'merchant'
            ? 'In Slack: /shopguide link <code>. In Teams: message the bot "link <code>". This binds the whole workspace or tenant.'
            : 'Post "link <code>" in the Slack channel or Teams conversation where shoppers should reach the store.',
        );
      }
      return 0;
    }
    case 'list': {
      const { values } = parse(rest, {
        store: { type: 'string' },
        json: { type: 'boolean', default: false },
      });
      if (!values.store) throw new UsageError(USAGE);
      if (!(await services.stores.get(values.store)))
        throw new ValidationError(`Unknown store ${values.store}`);
      const [{ bindings, members }, entries] = await Promise.all([
        services.partnerService.list(values.store),
        audit.list(values.store, 10),
      ]);
      if (values.json) {
        io.out(JSON.stringify({ store: values.store, bindings, members, audit: entries }));
        return 0;
      }
      io.out(`Bindings of ${values.store}:`);
      io.out(
        bindings.length === 0
          ? '  (none)'
          : table(
              ['platform', 'tenant', 'conversation', 'purpose', 'linked by', 'linked at'],
              bindings.map((b) => [
                b.platform,
                b.tenantId,
                b.conversationId,
                b.purpose,
                b.linkedBy,
                b.linkedAt,
              ]),
            ),
      );
      io.out(`\nMembers:`);
      io.out(
        members.length === 0
          ? '  (none)'
          : table(
              ['platform', 'user', 'name', 'role', 'linked at'],
              members.map((m) => [m.platform, m.userId, m.displayName ?? '', m.role, m.linkedAt]),
            ),
      );
      io.out(`\nRecent audit trail:`);
      io.out(
        entries.length === 0
          ? '  (none)'
          : table(
              ['at', 'action', 'platform', 'user', 'detail'],
              entries.map((e) => [
                e.at,
                e.action,
                e.platform,
                e.displayName ?? e.userId,
                e.detail.slice(0, 80),
              ]),
            ),
      );
      return 0;
    }
    case 'unlink': {
      const { values } = parse(rest, {
        store: { type: 'string' },
        platform: { type: 'string' },
        tenant: { type: 'string' },
        conversation: { type: 'string' },
        json: { type: 'boolean', default: false },
      });
      if (!values.store || !values.platform || !values.tenant) throw new UsageError(USAGE);
      const platform = assertPlatform(values.platform);
      const binding = await services.partnerService.unlink(
        values.store,
        platform,
        values.tenant,
        values.conversation ?? WHOLE_TENANT,
      );
      await audit.record({
        storeId: values.store,
        action: 'unlink',
        at: services.now().toISOString(),
        platform: 'cli',
        userId: cliUser(),
        detail: `unlinked ${binding.platform} ${binding.tenantId}/${binding.conversationId} (${binding.purpose})`,
      });
      if (values.json) io.out(JSON.stringify({ unlinked: binding }));
      else
        io.out(
          `Unlinked ${binding.platform} ${binding.tenantId}/${binding.conversationId} from ${values.store}.`,
        );
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}
