import { parse as parseCsv } from 'csv-parse/sync';
import { ValidationError } from '../errors/errors';

export interface ImportedFaq {
  /** Line (Markdown) or row (CSV) the entry starts on, for error messages. */
  line: number;
  questions: string[];
  answer: string;
}

const HEADING = /^#{1,6}\s+(.+?)\s*#*\s*$/;
const EXTRA_QUESTION = /^(?:Q|问)\s*[:：]\s*(.+)$/i;

/**
 * Reads a FAQ file. Markdown: each heading is a question, `Q: …` lines right under it are other wordings of
 * it, and the text until the next heading is the answer. CSV: a header row with `question` (several wordings
 * separated by `|`) and `answer`.
 */
export function parseFaqFile(content: string, format: 'md' | 'csv'): ImportedFaq[] {
  return format === 'md' ? parseMarkdown(content) : parseCsvFaq(content);
}

export function faqFormatOf(file: string): 'md' | 'csv' {
  if (/\.(md|markdown)$/i.test(file)) return 'md';
  if (/\.csv$/i.test(file)) return 'csv';
  throw new ValidationError('A FAQ file is Markdown (.md) or CSV (.csv)');
}

function parseMarkdown(content: string): ImportedFaq[] {
  const entries: ImportedFaq[] = [];
  let current: { line: number; questions: string[]; answer: string[] } | undefined;
  const flush = () => {
    if (current)
      entries.push({
        line: current.line,
        questions: current.questions,
        answer: current.answer.join('\n').trim(),
      });
  };
  content.split(/\r?\n/).forEach((raw, i) => {
    const heading = HEADING.exec(raw);
    if (heading) {
      flush();
      current = { line: i + 1, questions: [(heading[1] as string).trim()], answer: [] };
      return;
    }
    if (!current) return;
    const extra = EXTRA_QUESTION.exec(raw.trim());
    if (extra && current.answer.every((l) => !l.trim())) current.questions.push((extra[1] as string).trim());
    else current.answer.push(raw);
  });
  flush();
  return entries;
}

function parseCsvFaq(content: string): ImportedFaq[] {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(content, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      bom: true,
      trim: true,
    });
  } catch (error) {
    throw new ValidationError(
      `Malformed CSV: ${error instanceof Error ? error.message.split('\n')[0] : 'unreadable'}`,
    );
  }
  return rows.map((row, i) => ({
    line: i + 2,
    questions: (row.question ?? row.questions ?? '')
      .split('|')
      .map((q) => q.trim())
      .filter(Boolean),
    answer: (row.answer ?? '').trim(),
  }));
}
