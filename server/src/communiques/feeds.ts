import { Feed } from 'feed';
import { sameIssuer, type IssuerRef } from '@majlis/shared';
import { keys } from '../store/keys.ts';
import type { CommuniqueDeps, FeedFormat } from './common.ts';
import type { CommuniqueReader } from './reading.ts';

/** The public feeds of released communiqués. */
export class CommuniqueFeeds {
  constructor(
    private readonly deps: CommuniqueDeps,
    private readonly reader: CommuniqueReader,
  ) {}

  /** Atom or JSON Feed of a summit's released communiqués, optionally of one issuer. */
  async feed(
    summitId: string,
    format: FeedFormat,
    origin: string,
    issuer: IssuerRef | undefined,
  ): Promise<string> {
    const summit = await this.deps.summits.getSummitRaw(summitId);
    const now = this.deps.clock.now().getTime();
    const ids = await this.deps.store.rangeByScore(keys.summitReleases(summitId), 0, now);
    const items = (await this.reader.loadMany(ids))
      .filter((c) => issuer === undefined || sameIssuer(c.issuer, issuer))
      .reverse();
    const keyById = new Map((await this.deps.keyring.keySet()).keys.map((k) => [k.keyId, k]));
    const title = summit.title.en ?? Object.values(summit.title)[0] ?? summitId;
    const base = `${origin}/api/v1/public/summits/${summitId}/communiques`;
    const query = issuer === undefined ? '' : `?issuer=${issuer.kind}:${issuer.id}`;
    const latest = items[0]?.releaseAt;
    const feed = new Feed({
      id: `${base}${query}`,
      title: `${title} — communiqués`,
      link: `${origin}/communiques?summit=${summitId}`,
      updated: latest === undefined || latest === null ? new Date(0) : new Date(latest),
      generator: 'Majlis',
      copyright: title,
      feedLinks: { atom: `${base}.atom${query}`, json: `${base}.json${query}` },
    });
    for (const c of items) {
      for (const v of c.published) {
        const doc = v.signed.document;
        const name = keyById.get(doc.keyId)?.issuer.name ?? doc.issuer.id;
        feed.addItem({
          id: `urn:majlis:communique-document:${doc.id}`,
          title: doc.title,
          link: `${origin}/communiques/${c.id}/${doc.language}`,
          date: new Date(doc.releaseAt),
          published: new Date(doc.releaseAt),
          description: doc.body.slice(0, 280),
          // The body is plain text; the feed carries it as HTML, so it is escaped into paragraphs.
          content: asHtmlParagraphs(doc.body),
          author: [{ name }],
          category: [{ name: doc.language, term: doc.language }],
        });
      }
    }
    return format === 'atom' ? feed.atom1() : feed.json1();
  }
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function asHtmlParagraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map(
      (p) => `<p>${p.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c).replace(/\n/g, '<br>')}</p>`,
    )
    .join('');
}
