/**
 * Links of the tz database that Intl answers with another zone: `US/Eastern` resolves to
 * America/New_York, and so does `us/eastern` (Intl matches names case-insensitively), so
 * that the resolved name alone cannot tell a link from a case variant of it. isTimeZone
 * asks this list the link's spelling.
 *
 * Made from tzdata 2025c (Debian's /usr/share/zoneinfo): the names that Node 20, 22 and
 * 24's Intl resolve to a zone other than themselves. A link unknown here (a newer tzdata)
 * is still a zone if Intl knows it; only its case then goes unchecked.
 */
const LINKS = `
Africa/Asmara Africa/Timbuktu America/Argentina/Buenos_Aires
America/Argentina/Catamarca America/Argentina/ComodRivadavia
America/Argentina/Cordoba America/Argentina/Jujuy America/Argentina/Mendoza
America/Atikokan America/Atka America/Ensenada America/Fort_Wayne
America/Indiana/Indianapolis America/Kentucky/Louisville America/Knox_IN
America/Montreal America/Nipigon America/Nuuk America/Pangnirtung America/Porto_Acre
America/Rainy_River America/Rosario America/Santa_Isabel America/Shiprock
America/Thunder_Bay America/Virgin America/Yellowknife Antarctica/South_Pole
Asia/Ashkhabad Asia/Choibalsan Asia/Chongqing Asia/Chungking Asia/Dacca Asia/Harbin
Asia/Ho_Chi_Minh Asia/Istanbul Asia/Kashgar Asia/Kathmandu Asia/Kolkata Asia/Macao
Asia/Tel_Aviv Asia/Thimbu Asia/Ujung_Pandang Asia/Ulan_Bator Asia/Yangon
Atlantic/Faroe Atlantic/Jan_Mayen Australia/ACT Australia/Canberra Australia/Currie
Australia/LHI Australia/NSW Australia/North Australia/Queensland Australia/South
Australia/Tasmania Australia/Victoria Australia/West Australia/Yancowinna
Brazil/Acre Brazil/DeNoronha Brazil/East Brazil/West CET CST6CDT Canada/Atlantic
Canada/Central Canada/Eastern Canada/Mountain Canada/Newfoundland Canada/Pacific
Canada/Saskatchewan Canada/Yukon Chile/Continental Chile/EasterIsland Cuba EET EST
EST5EDT Egypt Eire Etc/GMT Etc/GMT+0 Etc/GMT-0 Etc/GMT0 Etc/Greenwich Etc/UCT
Etc/UTC Etc/Universal Etc/Zulu Europe/Belfast Europe/Kyiv Europe/Nicosia
Europe/Tiraspol Europe/Uzhgorod Europe/Zaporozhye GB GB-Eire GMT GMT+0 GMT-0 GMT0
Greenwich HST Hongkong Iceland Iran Israel Jamaica Japan Kwajalein Libya MET MST
MST7MDT Mexico/BajaNorte Mexico/BajaSur Mexico/General NZ NZ-CHAT Navajo PRC PST8PDT
Pacific/Chuuk Pacific/Johnston Pacific/Kanton Pacific/Pohnpei Pacific/Samoa
Pacific/Yap Poland Portugal ROC ROK Singapore Turkey UCT US/Alaska US/Aleutian
US/Arizona US/Central US/East-Indiana US/Eastern US/Hawaii US/Indiana-Starke
US/Michigan US/Mountain US/Pacific US/Samoa Universal W-SU WET Zulu
`;

/** The links of LINKS, as the tz database spells them. */
export function zoneLinks(): string[] {
  return LINKS.split(/\s+/).filter((link) => link !== '');
}

let spellings: Map<string, string> | undefined;

/** The tz database's spelling of the link `name` (any case), if it is one of LINKS. */
export function linkSpelling(name: string): string | undefined {
  spellings ??= new Map(zoneLinks().map((link) => [link.toLowerCase(), link]));
  return spellings.get(name.toLowerCase());
}
