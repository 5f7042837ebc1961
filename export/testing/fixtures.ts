import type { Block, Inline, ResolvedDocument, Run } from '../document';

/**
 * Briefings resolved by hand, as the citation engine and the assembler would hand them to the
 * writers: Chicago notes with ibid., an italic title in each full note, markings computed.
 */

export interface CslItemLike {
  id: string;
  type: string;
  title: string;
  author?: Array<{ family?: string; given?: string; literal?: string }>;
  issued?: { 'date-parts': number[][] };
  [k: string]: unknown;
}

/** A Zotero-style field instruction for one cited item, as Zotero's Word plugin writes it. */
export function zoteroInstruction(item: CslItemLike, plain: string, noteIndex: number, locator?: string): string {
  const citation = {
    citationID: `c${item.id.replace(/[^A-Za-z0-9]/g, '').slice(0, 6)}${noteIndex}`,
    properties: { formattedCitation: plain, plainCitation: plain, noteIndex },
    citationItems: [
      {
        id: item.id,
        uris: [`http://zotero.org/users/local/dossier/items/${item.id}`],
        itemData: item,
        ...(locator ? { locator, label: 'page' } : {}),
      },
    ],
    schema: 'https://github.com/citation-style-language/schema/raw/master/csl-citation.json',
  };
  return `ADDIN ZOTERO_ITEM CSL_CITATION ${JSON.stringify(citation)}`;
}

export const t = (text: string, extra: Omit<Run, 'text'> = {}): Inline => ({ type: 'text', run: { text, ...extra } });

export const ITEMS = {
  fao: {
    id: 'fao-2024',
    type: 'report',
    title: 'Black Sea Grain Shipments: Quarterly Review',
    author: [{ literal: 'Food and Agriculture Organization' }],
    publisher: 'FAO',
    issued: { 'date-parts': [[2024, 11]] },
  },
  lee: {
    id: 'lee-2024',
    type: 'book',
    title: 'Corridors of Power: Shipping and Sanctions',
    author: [{ family: 'Lee', given: 'Min-jun' }],
    publisher: 'Harbor Press',
    issued: { 'date-parts': [[2024]] },
  },
  reuters: {
    id: 'reuters-2025',
    type: 'article-newspaper',
    title: 'Insurers Return to Odesa Routes as Talks Resume',
    author: [{ family: 'Okafor', given: 'Ada' }],
    'container-title': 'Reuters',
    issued: { 'date-parts': [[2025, 2, 27]] },
  },
} satisfies Record<string, CslItemLike>;

/** A full first note: author, *Title*, publisher, year, page. */
function fullNote(item: CslItemLike, before: string, after: string): Run[] {
  return [{ text: before }, { text: item.title, italic: true }, { text: after }];
}

let noteCounter = 0;
export function note(item: CslItemLike, runs: Run[], locator?: string): Inline {
  noteCounter += 1;
  const plain = runs.map((r) => r.text).join('');
  return {
    type: 'note',
    noteNumber: noteCounter,
    runs,
    field: { instruction: zoteroInstruction(item, plain, noteCounter, locator) },
    clusterId: `n${noteCounter}`,
  };
}

function resetNotes(): void {
  noteCounter = 0;
}

const bib = (item: CslItemLike, before: string, after: string): Run[] => [{ text: before }, { text: item.title, italic: true }, { text: after }];

const BIBLIOGRAPHY = {
  heading: 'Sources',
  hangingIndent: true,
  entries: [
    bib(ITEMS.fao, 'Food and Agriculture Organization. ', '. Rome: FAO, November 2024.'),
    bib(ITEMS.lee, 'Lee, Min-jun. ', '. Baltimore: Harbor Press, 2024.'),
    [{ text: 'Okafor, Ada. “Insurers Return to Odesa Routes as Talks Resume.” ' }, { text: 'Reuters', italic: true }, { text: ', February 27, 2025.' }],
  ],
};

/** An info memo: BLUF, bullets with footnoted citations, a marked header, a source list. */
export function infoMemo(): ResolvedDocument {
  resetNotes();
  // Notes are numbered in reading order, so the BLUF's note is made first.
  const bluf: Block = {
    kind: 'paragraph',
    portion: 'U',
    inlines: [
      t(
        'Grain exports through the Black Sea corridor have recovered to pre-suspension levels; the main risk to further growth is port capacity, not shipping security.',
      ),
      note(ITEMS.fao, [{ text: 'FAO, ' }, { text: 'Black Sea Grain Shipments', italic: true }, { text: ', 3.' }], '3'),
    ],
  };
  const blocks: Block[] = [
    {
      kind: 'bullet',
      portion: 'U',
      inlines: [
        t('Shipments through the corridor reached 4.1 million tonnes in the last quarter, the highest since the 2023 suspension.'),
        note(ITEMS.fao, fullNote(ITEMS.fao, 'Food and Agriculture Organization, ', ' (Rome: FAO, 2024), 12.'), '12'),
      ],
    },
    {
      kind: 'bullet',
      portion: 'U',
      inlines: [
        t('War-risk premiums fell from 3 % to 1.25 % of hull value after two insurers returned to the route.'),
        note(ITEMS.reuters, [
          { text: 'Ada Okafor, “Insurers Return to Odesa Routes as Talks Resume,” ' },
          { text: 'Reuters', italic: true },
          { text: ', February 27, 2025.' },
        ]),
      ],
    },
    {
      kind: 'bullet',
      portion: 'U',
      inlines: [
        t('Port capacity, not security, is now the binding constraint: berths at Chornomorsk run at '),
        t('92 %', { bold: true }),
        t(' of capacity.'),
        note(ITEMS.lee, fullNote(ITEMS.lee, 'Min-jun Lee, ', ' (Baltimore: Harbor Press, 2024), 88.'), '88'),
      ],
    },
    {
      kind: 'bullet',
      portion: 'U',
      inlines: [
        t('The same source notes that smaller Danube ports absorbed most of the overflow in 2024.'),
        note(ITEMS.lee, [{ text: 'Ibid.', italic: true }, { text: ', 91.' }], '91'),
      ],
    },
  ];
  return {
    templateId: 'info-memo',
    heading: 'INFO MEMO',
    title: 'Black Sea Grain Corridor After the Ceasefire Talks',
    date: 'March 3, 2025',
    fields: [
      { key: 'for', label: 'FOR', value: 'SECRETARY OF STATE' },
      { key: 'from', label: 'FROM', value: 'Jane Doe, Director, Office of Global Food Security' },
      { key: 'subject', label: 'SUBJECT', value: 'Black Sea Grain Corridor After the Ceasefire Talks', portion: 'U' },
    ],
    sections: [
      { key: 'bluf', heading: 'BLUF', showHeading: true, blocks: [bluf] },
      { key: 'discussion', heading: 'Discussion', showHeading: false, blocks },
      { key: 'coordination', heading: 'COORDINATION', showHeading: true, blocks: [{ kind: 'paragraph', portion: 'U', inlines: [t('None.')] }] },
    ],
    attachments: 'As stated',
    preparedBy: 'Jane Doe, Office of Global Food Security, (202) 555-0100',
    banner: 'UNCLASSIFIED',
    notes: 'footnotes',
    bibliography: BIBLIOGRAPHY,
    language: 'en-US',
  };
}

/** An action memo long enough for a second page: recommendation, decision lines, decide-by date. */
export function actionMemo(): ResolvedDocument {
  resetNotes();
  const bluf: Block = {
    kind: 'paragraph',
    portion: 'U',
    inlines: [
      t('We need your decision by March 10 on a six-month reinsurance facility that would keep grain moving if talks stall.'),
      note(ITEMS.fao, fullNote(ITEMS.fao, 'Food and Agriculture Organization, ', ' (Rome: FAO, 2024), 4.'), '4'),
    ],
  };
  const discussion: Block[] = [];
  const points = [
    'Option A keeps the current escort arrangement and costs nothing new, but leaves insurers exposed if talks collapse.',
    'Option B funds a reinsurance facility of $50 million for six months, which brokers say would cap premiums at 1 % of hull value.',
    'Option C asks partners to share the facility; it takes eight to ten weeks to negotiate and may not survive a change in the talks.',
    'Treasury supports Option B if the facility sunsets automatically; the regional bureau prefers Option C for burden-sharing.',
    'Congressional notification is required for Option B within 15 days of obligation.',
    'Delaying past March 14 means the spring harvest ships without cover, which exporters say would cut volumes by a third.',
  ];
  points.forEach((p, i) => {
    discussion.push({
      kind: 'bullet',
      portion: i === 3 ? 'SBU' : 'U',
      inlines: [
        t(p),
        i % 2 === 0
          ? note(ITEMS.reuters, [
              { text: 'Ada Okafor, “Insurers Return to Odesa Routes as Talks Resume,” ' },
              { text: 'Reuters', italic: true },
              { text: `, February 27, 2025, para. ${i + 2}.` },
            ])
          : note(ITEMS.fao, fullNote(ITEMS.fao, 'Food and Agriculture Organization, ', ` (Rome: FAO, 2024), ${20 + i}.`), String(20 + i)),
      ],
    });
  });
  // Enough further discussion to spill onto page 2 and show its page number.
  for (let i = 0; i < 6; i++) {
    discussion.push({
      kind: 'bullet',
      portion: 'U',
      inlines: [
        t(
          `Background point ${i + 1}: exporters, insurers and port operators were consulted in February; their views are summarised in the attachment and do not change the recommendation, though two asked that any facility be reviewed after ninety days.`,
        ),
      ],
    });
  }
  return {
    templateId: 'action-memo',
    heading: 'ACTION MEMO',
    title: 'Reinsurance Facility for Black Sea Grain Shipping',
    date: 'March 3, 2025',
    fields: [
      { key: 'for', label: 'FOR', value: 'THE SECRETARY', portion: 'U' },
      { key: 'from', label: 'FROM', value: 'Jane Doe, Director, Office of Global Food Security', portion: 'U' },
      { key: 'through', label: 'THROUGH', value: 'Under Secretary for Economic Growth', portion: 'U' },
      { key: 'subject', label: 'SUBJECT', value: 'Reinsurance Facility for Black Sea Grain Shipping', portion: 'U' },
    ],
    sections: [
      { key: 'bluf', heading: 'BLUF', showHeading: true, blocks: [bluf] },
      { key: 'discussion', heading: 'Discussion', showHeading: false, blocks: discussion },
      {
        key: 'recommendation',
        heading: 'RECOMMENDATION',
        showHeading: true,
        blocks: [{ kind: 'paragraph', portion: 'U', inlines: [t('That you approve Option B, with an automatic sunset after six months.')] }],
      },
      {
        key: 'coordination',
        heading: 'COORDINATION',
        showHeading: true,
        blocks: [{ kind: 'paragraph', portion: 'U', inlines: [t('Treasury (concur with comment); Regional Bureau (non-concur, prefers Option C).')] }],
      },
    ],
    decision: { lines: ['Approve', 'Disapprove', 'Other'], decideBy: 'March 10, 2025' },
    attachments: 'As stated',
    preparedBy: 'John Roe, Office of Global Food Security, (202) 555-0142',
    banner: 'UNCLASSIFIED//FOR OFFICIAL USE ONLY',
    derivedFrom: 'Multiple Sources',
    notes: 'footnotes',
    bibliography: BIBLIOGRAPHY,
    language: 'en-US',
  };
}

/** Talking points: bold topics, one line each, sources as endnotes. */
export function talkingPoints(): ResolvedDocument {
  resetNotes();
  const point = (topic: string, text: string, cite?: Inline): Block => ({
    kind: 'bullet',
    inlines: [t(`${topic}: `, { bold: true }), t(text), ...(cite ? [cite] : [])],
  });
  return {
    templateId: 'talking-points',
    heading: 'TALKING POINTS',
    title: 'Call with the Turkish Trade Minister',
    date: 'March 4, 2025',
    fields: [
      { key: 'for', label: 'FOR', value: 'The Secretary' },
      { key: 'subject', label: 'SUBJECT', value: 'Keeping the Black Sea Grain Corridor Open' },
    ],
    sections: [
      {
        key: 'objective',
        heading: 'Objective',
        showHeading: true,
        blocks: [{ kind: 'paragraph', inlines: [t('Secure support for a shared reinsurance facility.')] }],
      },
      {
        key: 'points',
        heading: 'Talking points',
        showHeading: false,
        blocks: [
          point(
            'Volumes',
            'Corridor shipments are back to 4.1 million tonnes a quarter.',
            note(ITEMS.fao, fullNote(ITEMS.fao, 'Food and Agriculture Organization, ', ' (Rome: FAO, 2024), 12.'), '12'),
          ),
          point(
            'Insurance',
            'Premiums have halved since insurers returned.',
            note(ITEMS.reuters, [
              { text: 'Ada Okafor, “Insurers Return to Odesa Routes,” ' },
              { text: 'Reuters', italic: true },
              { text: ', February 27, 2025.' },
            ]),
          ),
          point('Ask', 'We would welcome Türkiye joining a six-month facility.'),
        ],
      },
    ],
    preparedBy: 'John Roe, (202) 555-0142',
    banner: 'UNCLASSIFIED',
    notes: 'endnotes',
    language: 'en-US',
  };
}

/** A background brief: the briefing's own title as heading, headed sections, footnotes and sources. */
export function backgroundBrief(): ResolvedDocument {
  resetNotes();
  const para = (text: string, cite?: Inline): Block => ({ kind: 'paragraph', inlines: [t(text), ...(cite ? [cite] : [])] });
  const purpose = para('Prepares the Deputy Secretary for the March 12 meeting with Black Sea exporters on keeping the grain corridor open.');
  const keyPoints: Block[] = [
    {
      kind: 'bullet',
      inlines: [
        t('Volumes are back to pre-suspension levels.'),
        note(ITEMS.fao, fullNote(ITEMS.fao, 'Food and Agriculture Organization, ', ' (Rome: FAO, 2024), 12.'), '12'),
      ],
    },
    {
      kind: 'bullet',
      inlines: [
        t('Insurance costs have halved since January.'),
        note(ITEMS.reuters, [{ text: 'Okafor, “Insurers Return,” ' }, { text: 'Reuters', italic: true }, { text: '.' }]),
      ],
    },
    { kind: 'bullet', inlines: [t('Port capacity is the next bottleneck.')] },
  ];
  const background = [
    para(
      'The corridor opened in August 2023 after the collapse of the earlier grain initiative. Shipments grew steadily through 2024 as naval escorts and war-risk cover made the route predictable.',
      note(ITEMS.lee, fullNote(ITEMS.lee, 'Min-jun Lee, ', ' (Baltimore: Harbor Press, 2024), 41–44.'), '41-44'),
    ),
    para(
      'Exporters now plan on the corridor staying open; their main complaints concern berth allocation and rail congestion inland rather than security at sea.',
    ),
  ];
  return {
    templateId: 'background-brief',
    heading: 'Black Sea Grain Corridor: Background for the Exporters Meeting',
    title: 'Black Sea Grain Corridor: Background for the Exporters Meeting',
    date: 'March 5, 2025',
    fields: [
      { key: 'for', label: 'FOR', value: 'The Deputy Secretary' },
      { key: 'occasion', label: 'OCCASION', value: 'Meeting with Black Sea grain exporters, March 12' },
    ],
    sections: [
      { key: 'purpose', heading: 'Purpose', showHeading: true, blocks: [purpose] },
      { key: 'keyPoints', heading: 'Key points', showHeading: true, blocks: keyPoints },
      { key: 'background', heading: 'Background', showHeading: true, blocks: background },
      {
        key: 'outlook',
        heading: 'Outlook',
        showHeading: true,
        blocks: [para('Expect exporters to ask for help with berth capacity at Chornomorsk and for an extension of war-risk cover beyond the summer.')],
      },
    ],
    preparedBy: 'John Roe, Office of Global Food Security',
    banner: 'UNCLASSIFIED',
    notes: 'footnotes',
    bibliography: BIBLIOGRAPHY,
    language: 'en-US',
  };
}

/** A situation report: numbered key developments, "Page N of M" numbering. */
export function situationReport(): ResolvedDocument {
  resetNotes();
  const dev = (text: string, cite?: Inline): Block => ({ kind: 'bullet', portion: 'U', inlines: [t(text), ...(cite ? [cite] : [])] });
  return {
    templateId: 'situation-report',
    heading: 'SITUATION REPORT',
    title: 'Black Sea Shipping Disruption, Report No. 4',
    date: 'March 6, 2025',
    fields: [
      { key: 'from', label: 'FROM', value: 'Black Sea Task Force' },
      { key: 'subject', label: 'SUBJECT', value: 'Black Sea Shipping Disruption, Report No. 4', portion: 'U' },
      { key: 'asOf', label: 'AS OF', value: '0600 EST, March 6, 2025', portion: 'U' },
    ],
    sections: [
      {
        key: 'situation',
        heading: 'Situation',
        showHeading: true,
        blocks: [
          {
            kind: 'paragraph',
            portion: 'U',
            inlines: [
              t('Traffic through the corridor resumed at 0400 after a six-hour pause following a reported mine sighting.'),
              note(ITEMS.reuters, [{ text: 'Okafor, “Insurers Return,” ' }, { text: 'Reuters', italic: true }, { text: '.' }]),
            ],
          },
        ],
      },
      {
        key: 'keyDevelopments',
        heading: 'Key developments',
        showHeading: true,
        blocks: [
          dev('Naval authorities cleared the reported object; it was a navigation buoy.'),
          dev(
            'Eleven vessels waiting at anchor began moving at 0415.',
            note(ITEMS.fao, fullNote(ITEMS.fao, 'Food and Agriculture Organization, ', ' (Rome: FAO, 2024), 7.'), '7'),
          ),
          dev('Two insurers briefly suspended new cover and reinstated it at 0530.'),
        ],
      },
      {
        key: 'assessment',
        heading: 'Assessment',
        showHeading: true,
        blocks: [
          {
            kind: 'paragraph',
            portion: 'U',
            inlines: [t('The pause was precautionary; we judge with moderate confidence that it will not affect weekly volumes.')],
          },
        ],
      },
      { key: 'nextReport', heading: 'Next report', showHeading: true, blocks: [{ kind: 'paragraph', inlines: [t('1800 EST, March 6.')] }] },
    ],
    preparedBy: 'Duty officer, Black Sea Task Force',
    banner: 'UNCLASSIFIED',
    notes: 'footnotes',
    bibliography: BIBLIOGRAPHY,
    language: 'en-US',
  };
}

/** Text a .docx must survive: control characters, Korean, Arabic, emoji, combining marks, & < >. */
export const HOSTILE = {
  controls: 'Form\u000Cfeed, NUL\u0000, bell\u0007, vertical tab\u000B, unit sep\u001F, lone \uD800 surrogate, \uDC00 low, and \uFFFE\uFFFF non-characters.',
  korean: '서울 대표단은 항로 재개를 환영했다',
  arabic: 'رحّب الوفد بإعادة فتح الممر',
  emoji: 'Grain 🌾 and ships 🚢 👩🏽‍🌾',
  combining: 'Cafe\u0301 re\u0301sume\u0301 Z\u0327\u0301',
  markup: 'Tom & Jerry <script>alert(1)</script> a > b',
};

/** A briefing made of that text, with an in-text citation, for the sanitiser and direction tests. */
export function hostileDoc(): ResolvedDocument {
  resetNotes();
  const base = infoMemo();
  return {
    ...base,
    title: `Hostile ${HOSTILE.controls}`,
    fields: [
      { key: 'for', label: 'FOR', value: `Delegation ${HOSTILE.korean}` },
      { key: 'subject', label: 'SUBJECT', value: HOSTILE.markup },
    ],
    sections: [
      {
        key: 'discussion',
        heading: 'Discussion',
        showHeading: true,
        blocks: [
          { kind: 'paragraph', inlines: [t(HOSTILE.controls)] },
          { kind: 'paragraph', inlines: [t(`Seoul said: ${HOSTILE.korean}.`)] },
          { kind: 'paragraph', inlines: [t(`The delegation wrote: ${HOSTILE.arabic} (Ankara).`)] },
          { kind: 'paragraph', inlines: [t(HOSTILE.arabic)] },
          { kind: 'paragraph', inlines: [t(HOSTILE.emoji), t(' '), t(HOSTILE.combining, { italic: true })] },
          {
            kind: 'paragraph',
            inlines: [
              t(HOSTILE.markup),
              t(' '),
              {
                type: 'cite',
                runs: [{ text: '(Lee 2024, 88)' }],
                field: { instruction: zoteroInstruction(ITEMS.lee, '(Lee 2024, 88)', 0, '88') },
                clusterId: 'c1',
              },
            ],
          },
        ],
      },
    ],
    notes: 'in-text',
    bibliography: { heading: 'Sources', hangingIndent: false, entries: BIBLIOGRAPHY.entries },
  };
}

/** Count of note citations in a resolved document. */
export function noteCount(doc: ResolvedDocument): number {
  let n = 0;
  for (const s of doc.sections) for (const b of s.blocks) for (const i of b.inlines) if (i.type === 'note') n += 1;
  return n;
}
