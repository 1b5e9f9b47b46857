import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Page, PendingTranslationView } from '@forum/contracts';
import { forbidden } from '../errors/domain-error';
import { Caller, isSecretariat } from '../http/caller';

/**
 * Where texts awaiting translation live: one table, its bilingual fields (`<field>_en` / `<field>_fr`),
 * and who wrote each. Every domain registers its own (`registerTranslationSource`) beside its entities;
 * the queue reads them all in one statement.
 */
export interface TranslationSource {
  /** the record type the queue names, e.g. `meeting`, `agenda_item` */
  type: string;
  table: string;
  /** the API names of its bilingual fields; `createdBy` names the column holding the writer of that field */
  fields: { field: string; column?: string; createdBy?: string }[];
  /** the column holding who wrote the record (when a field names none) */
  createdBy?: string;
  /** the column the queue orders by; `created_at` by default */
  createdAt?: string;
}

const SOURCES = new Map<string, TranslationSource>();

/** Adds a domain's texts to the translation queue (idempotent by type). */
export function registerTranslationSource(source: TranslationSource): void {
  SOURCES.set(source.type, source);
}

export const translationSources = (): TranslationSource[] => [...SOURCES.values()].sort((a, b) => a.type.localeCompare(b.type));

const IDENT = /^[a-z_][a-z0-9_]*$/;
const ident = (name: string): string => {
  if (!IDENT.test(name)) throw new Error(`translation source: ${name} is not a plain identifier`);
  return `"${name}"`;
};
const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** One SELECT per registered field: the rows where exactly one side is written (a blank counts as missing). */
export function pendingTranslationsSql(sources: TranslationSource[]): string {
  const parts: string[] = [];
  for (const s of sources) {
    for (const f of s.fields) {
      const column = snake(f.column ?? f.field);
      const en = `NULLIF(${ident(`${column}_en`)}, '')`;
      const fr = `NULLIF(${ident(`${column}_fr`)}, '')`;
      const by = f.createdBy ?? s.createdBy;
      parts.push(
        `SELECT '${s.type}'::text AS type, id::text AS id, '${f.field}'::text AS field, ` +
          `CASE WHEN ${en} IS NOT NULL THEN 'en' ELSE 'fr' END AS "sourceLang", COALESCE(${en}, ${fr}) AS "sourceText", ` +
          `${ident(s.createdAt ?? 'created_at')} AS "createdAt", ${by ? `${ident(by)}::text` : 'NULL::text'} AS "createdBy" ` +
          `FROM ${ident(s.table)} WHERE (${en} IS NULL) <> (${fr} IS NULL)`,
      );
    }
  }
  return parts.join('\nUNION ALL\n');
}

/** The secretariat's translation queue: one item per text awaiting its other language, oldest first. */
@Injectable()
export class TranslationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async pending(caller: Caller, limit: number, offset: number): Promise<Page<PendingTranslationView>> {
    if (!isSecretariat(caller)) throw forbidden('Only the secretariat reads the translation queue');
    const sources = translationSources();
    if (!sources.length) return { items: [], total: 0 };
    const union = pendingTranslationsSql(sources);
    const [rows, count] = await Promise.all([
      this.dataSource.query(`SELECT * FROM (${union}) t ORDER BY "createdAt" ASC, type ASC, id ASC, field ASC LIMIT $1 OFFSET $2`, [limit, offset]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM (${union}) t`),
    ]);
    return {
      items: (rows as (Omit<PendingTranslationView, 'createdAt'> & { createdAt: Date })[]).map((r) => ({
        ...r,
        createdAt: new Date(r.createdAt).toISOString(),
      })),
      total: count[0].total,
    };
  }
}
