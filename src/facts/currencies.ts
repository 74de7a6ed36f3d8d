/**
 * ISO 4217 currency codes and their minor-unit exponents (digits after the decimal
 * point). Our own table: Node's ICU gets some exponents wrong (IQD, HUF, IDR), so
 * Intl is never asked.
 *
 * ACTIVE is ISO 4217 List One (amendment 179), including the fund codes (BOV, CHE,
 * CHW, CLF, COU, MXV, USN, UYI, UYW). Codes whose minor unit ISO gives as "N.A."
 * (precious metals XAU XAG XPD XPT, bond units XBA-XBD, XDR, XSU, XUA, the test and
 * "no currency" codes XTS XXX) are not money amounts can be written in: left out.
 *
 * WITHDRAWN holds currencies withdrawn since 2007 with the exponent they had: facts
 * under investigation are often years old (a transfer in HRK in 2018 is real money),
 * so they are accepted too.
 */

const TWO_DECIMALS = `AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP
 BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP
 GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR
 LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB
 PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL
 THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG`;
const ZERO_DECIMALS = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE_DECIMALS = 'BHD IQD JOD KWD LYD OMR TND';
const FOUR_DECIMALS = 'CLF UYW';

/** Withdrawn since 2007: code and the exponent it had. */
const WITHDRAWN_TABLE: Readonly<Record<string, number>> = {
  ANG: 2, // Netherlands Antillean guilder, replaced by XCG (2025)
  GHC: 2, // Ghanaian cedi, replaced by GHS (2007)
  SDD: 2, // Sudanese dinar, replaced by SDG (2007)
  VEB: 2, // Venezuelan bolívar, replaced by VEF (2008)
  ZWD: 2, // Zimbabwean dollar, replaced by ZWR (2008)
  ZWR: 2, // Zimbabwean dollar, replaced by ZWL (2009)
  TMM: 2, // Turkmenistani manat, replaced by TMT (2009)
  USS: 2, // US dollar (same day), a funds code (2014)
  BYR: 0, // Belarusian ruble, replaced by BYN (2016)
  CUC: 2, // Cuban convertible peso (2021)
  CYP: 2, // Cyprus pound, euro (2008)
  EEK: 2, // Estonian kroon, euro (2011)
  HRK: 2, // Croatian kuna, euro (2023)
  LTL: 2, // Lithuanian litas, euro (2015)
  LVL: 2, // Latvian lats, euro (2014)
  MRO: 2, // Mauritanian ouguiya, replaced by MRU (2018)
  MTL: 2, // Maltese lira, euro (2008)
  SIT: 2, // Slovenian tolar, euro (2007)
  SKK: 2, // Slovak koruna, euro (2009)
  SLL: 2, // Sierra Leonean leone, replaced by SLE (2024)
  STD: 2, // São Tomé dobra, replaced by STN (2018)
  VEF: 2, // Venezuelan bolívar fuerte, replaced by VES (2018)
  ZMK: 2, // Zambian kwacha, replaced by ZMW (2013)
  ZWL: 2, // Zimbabwean dollar, replaced by ZWG (2024)
};

function table(): Map<string, number> {
  const map = new Map<string, number>();
  const add = (codes: string, exponent: number): void => {
    for (const code of codes.split(/\s+/)) if (code) map.set(code, exponent);
  };
  add(TWO_DECIMALS, 2);
  add(ZERO_DECIMALS, 0);
  add(THREE_DECIMALS, 3);
  add(FOUR_DECIMALS, 4);
  return map;
}

const ACTIVE: ReadonlyMap<string, number> = table();
const WITHDRAWN: ReadonlyMap<string, number> = new Map(Object.entries(WITHDRAWN_TABLE));

/** Minor-unit exponent of an ISO 4217 code (active or withdrawn since 2007); undefined for unknown codes. */
export function minorUnits(code: string): number | undefined {
  return ACTIVE.get(code) ?? WITHDRAWN.get(code);
}

/** True for an upper-case ISO 4217 code that money can be written in (see minorUnits). */
export function isCurrency(code: string): boolean {
  return minorUnits(code) !== undefined;
}

/**
 * ISO 4217 codes that have no minor unit ("N.A."): precious metals, bond-market units,
 * the SDR and other units of account, the testing code and "no currency". No amount of
 * money is written in them, so they are not currencies here (isCurrency is false).
 */
const NO_MINOR_UNIT: ReadonlySet<string> = new Set([
  'XAG',
  'XAU',
  'XBA',
  'XBB',
  'XBC',
  'XBD',
  'XDR',
  'XPD',
  'XPT',
  'XSU',
  'XTS',
  'XUA',
  'XXX',
]);

/** Why `code` (three capital letters) is not a currency here: for messages. */
export function currencyProblem(code: string): string {
  return NO_MINOR_UNIT.has(code)
    ? 'an ISO 4217 code without a minor unit (a precious metal, a unit of account, the testing code or "no currency"), not a currency money is counted in'
    : 'not an ISO 4217 currency code';
}

/** True when the code is in ISO 4217's current list (not a withdrawn one). */
export function isActiveCurrency(code: string): boolean {
  return ACTIVE.has(code);
}

/** Every code the table knows, sorted (active and withdrawn). */
export function currencyCodes(): string[] {
  return [...ACTIVE.keys(), ...WITHDRAWN.keys()].sort();
}

/** Minor-unit exponent of a code the caller knows to be valid; throws for an unknown code (a tool fault). */
export function exponentOf(code: string): number {
  const exponent = minorUnits(code);
  if (exponent === undefined) throw new Error(`unknown currency code ${JSON.stringify(code)}`);
  return exponent;
}
