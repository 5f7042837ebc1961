/**
 * Sources used by the citation tests: the kinds an analyst cites (books, a government
 * report by a corporate author, news with non-Latin titles, partial dates).
 */
import type { CslItem } from '../core/csl';
import type { ItemLookup } from './engine';

export const ITEMS: Record<string, CslItem> = {
  book: {
    id: 'book',
    type: 'book',
    title: 'The Politics of Aid',
    author: [{ family: 'Smith', given: 'Jane' }],
    publisher: 'Oxford University Press',
    'publisher-place': 'Oxford',
    issued: { 'date-parts': [[2020]] },
  },
  book2: {
    id: 'book2',
    type: 'book',
    title: 'Sanctions and Statecraft',
    author: [
      { family: 'Okafor', given: 'Adaeze' },
      { family: 'Lindqvist', given: 'Erik' },
    ],
    publisher: 'Cambridge University Press',
    'publisher-place': 'Cambridge',
    issued: { 'date-parts': [[2018]] },
  },
  report: {
    id: 'report',
    type: 'report',
    title: 'Country Reports on Terrorism 2022',
    author: [{ literal: 'U.S. Department of State' }],
    publisher: 'U.S. Department of State',
    'publisher-place': 'Washington, DC',
    issued: { 'date-parts': [[2024]] },
  },
  monthOnly: {
    id: 'monthOnly',
    type: 'report',
    title: 'Food Security Outlook',
    author: [{ literal: 'World Food Programme' }],
    publisher: 'World Food Programme',
    'publisher-place': 'Rome',
    issued: { 'date-parts': [[2024, 1]] },
  },
  article: {
    id: 'article',
    type: 'article-journal',
    title: 'Rethinking Deterrence',
    author: [{ family: 'Chen', given: 'Wei' }],
    'container-title': 'International Security',
    volume: '48',
    issue: '2',
    page: '7-45',
    issued: { 'date-parts': [[2023, 10]] },
    DOI: '10.1162/isec_a_00001',
  },
  news: {
    id: 'news',
    type: 'article-newspaper',
    title: 'Ports reopen after strike',
    author: [{ family: 'Haddad', given: 'Rana' }],
    'container-title': 'The Meridian Herald',
    issued: { 'date-parts': [[2024, 3, 5]] },
  },
  tricky: {
    id: 'tricky',
    type: 'webpage',
    title: 'Trade & Tariffs <Draft> — 북한 경제 / الاقتصاد 🚢',
    author: [{ literal: 'Institute for Trade Studies' }],
    'container-title': 'Trade Monitor',
    issued: { 'date-parts': [[2023, 6, 1]] },
    URL: 'https://example.org/tariffs?a=1&b="two"',
  },
};

export const lookup: ItemLookup = (id) => ITEMS[id];

/** A minimal valid CSL 1.0 style: "(Family Year)" citations and a bibliography. */
export const MINIMAL_CSL = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info>
    <title>Ministry House Style</title>
    <id>http://example.gov/styles/house</id>
    <updated>2024-01-01T00:00:00+00:00</updated>
  </info>
  <citation>
    <layout prefix="(" suffix=")" delimiter="; ">
      <names variable="author"><name form="short"/></names>
      <date variable="issued" prefix=" "><date-part name="year"/></date>
    </layout>
  </citation>
  <bibliography>
    <layout>
      <names variable="author"><name name-as-sort-order="first"/></names>
      <text variable="title" prefix=". " font-style="italic"/>
    </layout>
  </bibliography>
</style>
`;
