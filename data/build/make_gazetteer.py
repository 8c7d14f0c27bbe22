"""Write data/gazetteer.csv: the known actors, their aliases and demonyms.

Deterministic; the same inputs give a byte-identical file.

    python data/build/make_gazetteer.py           # write data/gazetteer.csv
    python data/build/make_gazetteer.py --check   # exit 1 if the file is not what this writes

What goes in, all written out below by hand except the last item:

1. ``STATES``: the 193 UN member states, the 2 observer states and three territories with their
   own ISO code and government (Taiwan, Hong Kong, Macao; Kosovo is left out: its code XKX is
   not an ISO 3166-1 code). Each with its common short name, official and common variants,
   capitals used as metonyms, and demonyms. A capital is left out when it is a common word or
   person name, names another actor or a city elsewhere (``SKIPPED_CAPITALS``).
2. ``CURATED``: UN bodies and officials, other intergovernmental bodies, groups of states,
   international and diaspora NGOs, research institutes, media, national bodies, and the
   persons of the gold data with the aliases they go by (a surname alone only when it is not a
   common word and no other entry shares it).
3. Every other named actor of the gold data (``data/seeds.jsonl``, ``data/extended.jsonl``),
   as the annotators wrote it, with its gold type and country.

``source``: ``un_member``, ``un_observer`` and ``territory`` for the states; ``curated`` for the
bodies, NGOs and media asked for by name as general knowledge (marked "+" below), even when the
gold data name them; for any other entry whose name or alias is a gold actor, the first split
it occurs in, in the order ``seeds_train,
extended_train, extended_validation, seeds_test, extended_test`` (so an entry marked
``*_test`` is known only from test data and ``Gazetteer.exclude_sources`` can drop it);
``curated`` otherwise. The script checks that every gold actor looks up to its gold type and
country, that every country code is in ``data/countries.csv``, and that no name, alias or
demonym denotes two entries.
"""

# The tables below keep one entry per line, however long.
# ruff: noqa: E501

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from stance.gazetteer import COLUMNS, GAZETTEER_TYPES, Actor, Gazetteer, normalize_name  # noqa: E402

DATA = ROOT / "data"
OUT = DATA / "gazetteer.csv"
SPLIT_ORDER = (
    "seeds_train",
    "extended_train",
    "extended_validation",
    "seeds_test",
    "extended_test",
)
STATE_SOURCES = ("un_member", "un_observer", "territory")

# iso3; name; aliases; capitals (metonyms, become aliases); demonyms. Names follow the short form
# the gold data use (e.g. "Democratic People's Republic of Korea", "Türkiye", "Czechia").
UN_MEMBERS = """
AFG; Afghanistan; Islamic Republic of Afghanistan|Islamic Emirate of Afghanistan; Kabul; Afghan
ALB; Albania; Republic of Albania; Tirana; Albanian
DZA; Algeria; People's Democratic Republic of Algeria; Algiers; Algerian
AND; Andorra; Principality of Andorra; Andorra la Vella; Andorran
AGO; Angola; Republic of Angola; Luanda; Angolan
ATG; Antigua and Barbuda; ; ; Antiguan|Barbudan
ARG; Argentina; Argentine Republic; Buenos Aires; Argentine|Argentinian
ARM; Armenia; Republic of Armenia; Yerevan; Armenian
AUS; Australia; Commonwealth of Australia|Australian government|Government of Australia; Canberra; Australian
AUT; Austria; Republic of Austria; Vienna; Austrian
AZE; Azerbaijan; Republic of Azerbaijan; Baku; Azerbaijani
BHS; Bahamas; Commonwealth of the Bahamas; ; Bahamian
BHR; Bahrain; Kingdom of Bahrain; Manama; Bahraini
BGD; Bangladesh; People's Republic of Bangladesh; Dhaka; Bangladeshi
BRB; Barbados; ; Bridgetown; Barbadian
BLR; Belarus; Republic of Belarus; Minsk; Belarusian
BEL; Belgium; Kingdom of Belgium; ; Belgian
BLZ; Belize; ; Belmopan; Belizean
BEN; Benin; Republic of Benin; Porto-Novo|Cotonou; Beninese
BTN; Bhutan; Kingdom of Bhutan; Thimphu; Bhutanese
BOL; Bolivia; Plurinational State of Bolivia; La Paz; Bolivian
BIH; Bosnia and Herzegovina; Bosnia|Bosnia-Herzegovina; Sarajevo; Bosnian
BWA; Botswana; Republic of Botswana; Gaborone; Botswanan|Motswana|Batswana
BRA; Brazil; Federative Republic of Brazil|Brazilian government; Brasília; Brazilian
BRN; Brunei; Brunei Darussalam|Nation of Brunei; Bandar Seri Begawan; Bruneian
BGR; Bulgaria; Republic of Bulgaria; ; Bulgarian
BFA; Burkina Faso; ; Ouagadougou; Burkinabe|Burkinabè
BDI; Burundi; Republic of Burundi; Gitega|Bujumbura; Burundian
CPV; Cabo Verde; Cape Verde|Republic of Cabo Verde; Praia; Cabo Verdean|Cape Verdean
KHM; Cambodia; Kingdom of Cambodia|Cambodian government; Phnom Penh; Cambodian
CMR; Cameroon; Republic of Cameroon; Yaoundé; Cameroonian
CAN; Canada; Government of Canada|Canadian government; Ottawa; Canadian
CAF; Central African Republic; ; Bangui; Central African
TCD; Chad; Republic of Chad; N'Djamena|Ndjamena; Chadian
CHL; Chile; Republic of Chile; ; Chilean
CHN; China; People's Republic of China|PRC|P.R.C.|Chinese government|Chinese Government|Government of China|China's government|Chinese side|Central People's Government|Zhongnanhai; Beijing; Chinese
COL; Colombia; Republic of Colombia; Bogotá; Colombian
COM; Comoros; Union of the Comoros; Moroni; Comorian
COG; Congo; Republic of the Congo|Republic of Congo|Congo-Brazzaville; Brazzaville;
COD; Democratic Republic of the Congo; Democratic Republic of Congo|DR Congo|DRC|D.R.C.|Congo-Kinshasa; Kinshasa;
CRI; Costa Rica; Republic of Costa Rica; ; Costa Rican
CIV; Côte d'Ivoire; Republic of Côte d'Ivoire|Ivory Coast; Yamoussoukro|Abidjan; Ivorian
HRV; Croatia; Republic of Croatia; Zagreb; Croatian
CUB; Cuba; Republic of Cuba|Cuban government; Havana; Cuban
CYP; Cyprus; Republic of Cyprus; Nicosia; Cypriot
CZE; Czechia; Czech Republic; Prague; Czech
DNK; Denmark; Kingdom of Denmark; Copenhagen; Danish
DJI; Djibouti; Republic of Djibouti; ; Djiboutian
DMA; Dominica; Commonwealth of Dominica; Roseau;
DOM; Dominican Republic; ; Santo Domingo; Dominican
ECU; Ecuador; Republic of Ecuador; Quito; Ecuadorian
EGY; Egypt; Arab Republic of Egypt; Cairo; Egyptian
SLV; El Salvador; Republic of El Salvador; San Salvador; Salvadoran|Salvadorean
GNQ; Equatorial Guinea; Republic of Equatorial Guinea; Malabo; Equatorial Guinean|Equatoguinean
ERI; Eritrea; State of Eritrea; Asmara; Eritrean
EST; Estonia; Republic of Estonia; Tallinn; Estonian
SWZ; Eswatini; Kingdom of Eswatini|Swaziland; Mbabane; Swazi
ETH; Ethiopia; Federal Democratic Republic of Ethiopia; ; Ethiopian
FJI; Fiji; Republic of Fiji; Suva; Fijian
FIN; Finland; Republic of Finland; Helsinki; Finnish
FRA; France; French Republic|French government; Paris|Élysée|Élysée Palace|Quai d'Orsay; French
GAB; Gabon; Gabonese Republic; Libreville; Gabonese
GMB; Gambia; Republic of the Gambia; Banjul; Gambian
GEO; Georgia; ; Tbilisi; Georgian
DEU; Germany; Federal Republic of Germany|German government; Berlin; German
GHA; Ghana; Republic of Ghana; Accra; Ghanaian
GRC; Greece; Hellenic Republic; Athens; Greek|Hellenic
GRD; Grenada; ; ; Grenadian
GTM; Guatemala; Republic of Guatemala; Guatemala City; Guatemalan
GIN; Guinea; Republic of Guinea|Guinea-Conakry; Conakry; Guinean
GNB; Guinea-Bissau; Republic of Guinea-Bissau; Bissau; Bissau-Guinean
GUY; Guyana; Co-operative Republic of Guyana; ; Guyanese
HTI; Haiti; Republic of Haiti; Port-au-Prince; Haitian
HND; Honduras; Republic of Honduras; Tegucigalpa; Honduran
HUN; Hungary; Hungarian government; Budapest; Hungarian
ISL; Iceland; ; Reykjavík; Icelandic
IND; India; Republic of India|Indian government|Government of India; New Delhi; Indian
IDN; Indonesia; Republic of Indonesia; Jakarta; Indonesian
IRN; Iran; Islamic Republic of Iran|Iranian government; Tehran|Teheran; Iranian
IRQ; Iraq; Republic of Iraq; Baghdad; Iraqi
IRL; Ireland; Republic of Ireland; Dublin; Irish
ISR; Israel; State of Israel|Israeli government; ; Israeli
ITA; Italy; Italian Republic|Italian government; ; Italian
JAM; Jamaica; ; ; Jamaican
JPN; Japan; Japanese government|Government of Japan; Tokyo; Japanese
JOR; Jordan; Hashemite Kingdom of Jordan; Amman; Jordanian
KAZ; Kazakhstan; Republic of Kazakhstan; Astana|Nur-Sultan; Kazakh|Kazakhstani
KEN; Kenya; Republic of Kenya; Nairobi; Kenyan
KIR; Kiribati; Republic of Kiribati; Tarawa|South Tarawa; I-Kiribati
KWT; Kuwait; State of Kuwait; Kuwait City; Kuwaiti
KGZ; Kyrgyzstan; Kyrgyz Republic; Bishkek; Kyrgyz|Kyrgyzstani
LAO; Laos; Lao People's Democratic Republic|Lao PDR; Vientiane; Lao|Laotian
LVA; Latvia; Republic of Latvia; Riga; Latvian
LBN; Lebanon; Lebanese Republic; Beirut; Lebanese
LSO; Lesotho; Kingdom of Lesotho; Maseru; Basotho|Mosotho
LBR; Liberia; Republic of Liberia; Monrovia; Liberian
LBY; Libya; State of Libya; Tripoli; Libyan
LIE; Liechtenstein; Principality of Liechtenstein; Vaduz; Liechtensteiner
LTU; Lithuania; Republic of Lithuania; Vilnius; Lithuanian
LUX; Luxembourg; Grand Duchy of Luxembourg; ; Luxembourgish|Luxembourger
MDG; Madagascar; Republic of Madagascar; Antananarivo; Malagasy
MWI; Malawi; Republic of Malawi; Lilongwe; Malawian
MYS; Malaysia; Malaysian government; Kuala Lumpur|Putrajaya; Malaysian
MDV; Maldives; Republic of Maldives; ; Maldivian
MLI; Mali; Republic of Mali; Bamako; Malian
MLT; Malta; Republic of Malta; Valletta; Maltese
MHL; Marshall Islands; Republic of the Marshall Islands; Majuro; Marshallese
MRT; Mauritania; Islamic Republic of Mauritania; Nouakchott; Mauritanian
MUS; Mauritius; Republic of Mauritius; Port Louis; Mauritian
MEX; Mexico; United Mexican States|Mexican government; Mexico City; Mexican
FSM; Micronesia; Federated States of Micronesia; Palikir; Micronesian
MDA; Moldova; Republic of Moldova; Chișinău|Chisinau; Moldovan
MCO; Monaco; Principality of Monaco; ; Monegasque
MNG; Mongolia; ; Ulaanbaatar|Ulan Bator; Mongolian
MNE; Montenegro; ; Podgorica; Montenegrin
MAR; Morocco; Kingdom of Morocco; Rabat; Moroccan
MOZ; Mozambique; Republic of Mozambique; Maputo; Mozambican
MMR; Myanmar; Burma|Republic of the Union of Myanmar; Naypyidaw|Nay Pyi Taw|Naypyitaw; Burmese
NAM; Namibia; Republic of Namibia; Windhoek; Namibian
NRU; Nauru; Republic of Nauru; ; Nauruan
NPL; Nepal; Federal Democratic Republic of Nepal; Kathmandu; Nepali|Nepalese
NLD; Netherlands; Kingdom of the Netherlands|Holland|Dutch government; Amsterdam; Dutch
NZL; New Zealand; New Zealand government; ;
NIC; Nicaragua; Republic of Nicaragua; Managua; Nicaraguan
NER; Niger; Republic of the Niger|Republic of Niger; Niamey; Nigerien
NGA; Nigeria; Federal Republic of Nigeria; Abuja; Nigerian
PRK; Democratic People's Republic of Korea; North Korea|DPRK|D.P.R.K.; Pyongyang; North Korean
MKD; North Macedonia; Republic of North Macedonia|former Yugoslav Republic of Macedonia; Skopje; North Macedonian
NOR; Norway; Kingdom of Norway; Oslo; Norwegian
OMN; Oman; Sultanate of Oman; Muscat; Omani
PAK; Pakistan; Islamic Republic of Pakistan|Pakistani government; Islamabad; Pakistani
PLW; Palau; Republic of Palau; Ngerulmud; Palauan
PAN; Panama; Republic of Panama; Panama City; Panamanian
PNG; Papua New Guinea; Independent State of Papua New Guinea; Port Moresby; Papua New Guinean
PRY; Paraguay; Republic of Paraguay; Asunción; Paraguayan
PER; Peru; Republic of Peru; ; Peruvian
PHL; Philippines; Republic of the Philippines|Philippine government; Manila; Filipino|Philippine
POL; Poland; Republic of Poland|Polish government; Warsaw; Polish
PRT; Portugal; Portuguese Republic; Lisbon; Portuguese
QAT; Qatar; State of Qatar; Doha; Qatari
KOR; South Korea; Republic of Korea|ROK|South Korean government; Seoul; South Korean
ROU; Romania; ; Bucharest; Romanian
RUS; Russia; Russian Federation|Russian government|Kremlin; Moscow; Russian
RWA; Rwanda; Republic of Rwanda; Kigali; Rwandan
KNA; Saint Kitts and Nevis; St. Kitts and Nevis|Federation of Saint Kitts and Nevis; Basseterre; Kittitian|Nevisian
LCA; Saint Lucia; St. Lucia; Castries; Saint Lucian|St. Lucian
VCT; Saint Vincent and the Grenadines; St. Vincent and the Grenadines; Kingstown; Vincentian
WSM; Samoa; Independent State of Samoa; Apia; Samoan
SMR; San Marino; Republic of San Marino; ; Sammarinese
STP; Sao Tome and Principe; São Tomé and Príncipe|Democratic Republic of São Tomé and Príncipe; ; Santomean
SAU; Saudi Arabia; Kingdom of Saudi Arabia|Saudi government; Riyadh; Saudi|Saudi Arabian
SEN; Senegal; Republic of Senegal; Dakar; Senegalese
SRB; Serbia; Republic of Serbia; Belgrade; Serbian
SYC; Seychelles; Republic of Seychelles; ; Seychellois
SLE; Sierra Leone; Republic of Sierra Leone; Freetown; Sierra Leonean
SGP; Singapore; Republic of Singapore; ; Singaporean
SVK; Slovakia; Slovak Republic; Bratislava; Slovak
SVN; Slovenia; Republic of Slovenia; Ljubljana; Slovenian|Slovene
SLB; Solomon Islands; ; Honiara;
SOM; Somalia; Federal Republic of Somalia; Mogadishu; Somali
ZAF; South Africa; Republic of South Africa; Pretoria; South African
SSD; South Sudan; Republic of South Sudan; Juba; South Sudanese
ESP; Spain; Kingdom of Spain|Spanish government; Madrid; Spanish
LKA; Sri Lanka; Democratic Socialist Republic of Sri Lanka; Colombo; Sri Lankan
SDN; Sudan; Republic of the Sudan; Khartoum; Sudanese
SUR; Suriname; Republic of Suriname; Paramaribo; Surinamese
SWE; Sweden; Kingdom of Sweden|Swedish government; Stockholm; Swedish
CHE; Switzerland; Swiss Confederation; Bern|Berne; Swiss
SYR; Syria; Syrian Arab Republic|Syrian government; Damascus; Syrian
TJK; Tajikistan; Republic of Tajikistan; Dushanbe; Tajik|Tajikistani
TZA; Tanzania; United Republic of Tanzania; Dodoma; Tanzanian
THA; Thailand; Kingdom of Thailand|Thai government; Bangkok; Thai
TLS; Timor-Leste; East Timor|Democratic Republic of Timor-Leste; Dili; Timorese
TGO; Togo; Togolese Republic; Lomé; Togolese
TON; Tonga; Kingdom of Tonga; Nuku'alofa; Tongan
TTO; Trinidad and Tobago; Republic of Trinidad and Tobago; Port of Spain; Trinidadian|Tobagonian
TUN; Tunisia; Republic of Tunisia; Tunis; Tunisian
TUR; Türkiye; Turkey|Republic of Türkiye|Republic of Turkey|Turkish government; Ankara; Turkish
TKM; Turkmenistan; ; Ashgabat; Turkmen
TUV; Tuvalu; ; Funafuti; Tuvaluan
UGA; Uganda; Republic of Uganda; Kampala; Ugandan
UKR; Ukraine; Ukrainian government; Kyiv|Kiev; Ukrainian
ARE; United Arab Emirates; UAE|U.A.E.; Abu Dhabi; Emirati
GBR; United Kingdom; UK|U.K.|Britain|Great Britain|United Kingdom of Great Britain and Northern Ireland|British government|UK government|U.K. government|Downing Street; London; British
USA; United States; US|U.S.|USA|U.S.A.|United States of America|America|the US|US government|U.S. government|United States government|American government|US administration|U.S. administration|US side|U.S. side|Trump administration|Biden administration|Obama administration; Washington; American|U.S.|US
URY; Uruguay; Oriental Republic of Uruguay; Montevideo; Uruguayan
UZB; Uzbekistan; Republic of Uzbekistan; Tashkent; Uzbek
VUT; Vanuatu; Republic of Vanuatu; Port Vila; Ni-Vanuatu
VEN; Venezuela; Bolivarian Republic of Venezuela|Venezuelan government; Caracas; Venezuelan
VNM; Vietnam; Viet Nam|Socialist Republic of Viet Nam|Socialist Republic of Vietnam; Hanoi; Vietnamese
YEM; Yemen; Republic of Yemen|Yemeni government; Sanaa|Sana'a; Yemeni
ZMB; Zambia; Republic of Zambia; Lusaka; Zambian
ZWE; Zimbabwe; Republic of Zimbabwe; Harare; Zimbabwean
"""

UN_OBSERVERS = """
VAT; Holy See; Vatican|Vatican City|Vatican City State; ; Vatican
PSE; Palestine; State of Palestine|Palestinian Authority|Palestinian National Authority; ; Palestinian
"""

TERRITORIES = """
TWN; Taiwan; Taiwan authorities|Taiwan authority|Taiwanese authorities|Taiwan government|Taiwanese government|Republic of China; Taipei; Taiwanese
HKG; Hong Kong; Hong Kong SAR government|HKSAR government|Hong Kong government|HK government|HKSAR|Hong Kong SAR|Hong Kong Special Administrative Region|Government of the Hong Kong Special Administrative Region; ;
MAC; Macao; Macau|Macao SAR|Macau SAR|Macao SAR government|Macao Special Administrative Region; ;
"""

# Capitals not made aliases, and why (reported, not used).
SKIPPED_CAPITALS = {
    "St. John's": "ATG; also a Canadian city, generic saint's name",
    "Nassau": "BHS; also a US county and a German name",
    "Brussels": "BEL; stands for the EU institutions at least as often",
    "Sofia": "BGR; a common first name",
    "Santiago": "CHL; common name and many other cities",
    "San José": "CRI; also a US city",
    "Addis Ababa": "ETH; seat of the African Union, names its documents",
    "St. George's": "GRD; generic saint's name",
    "Georgetown": "GUY; a university and a Washington district",
    "Jerusalem": "ISR; status contested (claimed by Israel and Palestine)",
    "Tel Aviv": "ISR; not the capital Israel claims",
    "Rome": "ITA; the Rome Statute, and a metonym for the Holy See",
    "Kingston": "JAM; common place name",
    "Malé": "MDV; the English word 'male'",
    "The Hague": "NLD; seat of the ICC and the ICJ",
    "Wellington": "NZL; a person name and many places",
    "Victoria": "SYC; a common first name and many places",
    "Sucre": "BOL; a person name (Antonio José de Sucre)",
    "Dar es Salaam": "TZA; no longer the capital",
    "São Tomé": "STP; part of the state's own name",
    "Lima": "PER; a surname (Leila de Lima) and the Lima Group of states",
    "Ramallah": "PSE; seat of the Palestinian Authority, not a capital",
}

# name; type; country; aliases. Written from general knowledge; persons of the gold data carry
# the type and country of the organisation they speak for (checked against the gold labels).
# A leading "+" marks the bodies, NGOs and media the project asked for by name before any data
# were read (the task brief): they are general knowledge, so their source stays ``curated`` even
# when the gold data name them. Any other entry that the gold data name gets the gold split.
CURATED = """
# --- United Nations: bodies, offices, officials
+United Nations; igo; ; UN|U.N.|United Nations Organization
+UN Secretary-General; igo; ; Secretary-General|U.N. Secretary-General|United Nations Secretary-General|Secretary-General of the United Nations|UN chief|U.N. chief|Antonio Guterres|António Guterres|Guterres
Ban Ki-moon; igo; ; Ban Ki moon
+United Nations General Assembly; igo; ; UN General Assembly|U.N. General Assembly|General Assembly|UNGA
+UN Security Council; igo; ; United Nations Security Council|U.N. Security Council|Security Council|UNSC
+UN Human Rights Council; igo; ; United Nations Human Rights Council|U.N. Human Rights Council|Human Rights Council|UNHRC|HRC
+UN High Commissioner for Human Rights; igo; ; United Nations High Commissioner for Human Rights|U.N. High Commissioner for Human Rights|High Commissioner for Human Rights|OHCHR|Office of the High Commissioner for Human Rights|Office of the United Nations High Commissioner for Human Rights|Office of the UN High Commissioner for Human Rights|UN human rights office|U.N. human rights office|UN human rights chief|U.N. human rights chief|UN rights chief|U.N. rights chief
+Michelle Bachelet; igo; ; Bachelet
+Volker Türk; igo; ; Volker Turk
+Zeid Ra'ad Al Hussein; igo; ; Zeid Ra'ad al-Hussein|Prince Zeid|Zeid
Navi Pillay; igo; ; Pillay
+Third Committee; igo; ; UN Third Committee|U.N. Third Committee|Third Committee of the General Assembly
+Committee on the Elimination of Racial Discrimination; igo; ; CERD|UN Committee on the Elimination of Racial Discrimination|U.N. Committee on the Elimination of Racial Discrimination|UN racial discrimination committee|U.N. racial discrimination committee
+Committee against Torture; igo; ; UN Committee against Torture|U.N. Committee against Torture
UN Human Rights Committee; igo; ; Human Rights Committee|U.N. Human Rights Committee|United Nations Human Rights Committee
Committee on Economic, Social and Cultural Rights; igo; ; CESCR|UN Committee on Economic, Social and Cultural Rights
Committee on the Rights of the Child; igo; ; UN Committee on the Rights of the Child
Committee on the Elimination of Discrimination against Women; igo; ; CEDAW Committee|UN CEDAW Committee
+UN special rapporteurs; igo; ; UN special rapporteur|U.N. special rapporteur|U.N. special rapporteurs|United Nations special rapporteur|United Nations special rapporteurs|special rapporteur|special rapporteurs
UN Special Rapporteur on counter-terrorism; igo; ; UN Special Rapporteur on counterterrorism|UN expert on counterterrorism|UN expert on counter-terrorism|U.N. expert on counterterrorism|Special Rapporteur on the promotion and protection of human rights and fundamental freedoms while countering terrorism
Fionnuala Ní Aoláin; igo; ; Fionnuala Ni Aolain
UN experts; igo; ; U.N. experts|UN human rights experts|U.N. human rights experts|United Nations experts|UN independent experts
Alena Douhan; igo; ; Douhan
Calin Georgescu; igo; ; Călin Georgescu|Georgescu
+UN Working Group on Arbitrary Detention; igo; ; Working Group on Arbitrary Detention|U.N. Working Group on Arbitrary Detention|WGAD
UN Working Group on Enforced or Involuntary Disappearances; igo; ; Working Group on Enforced or Involuntary Disappearances|WGEID
Independent International Commission of Inquiry on the Syrian Arab Republic; igo; ; UN Commission of Inquiry on Syria|Commission of Inquiry on Syria
Independent International Fact-Finding Mission on Myanmar; igo; ; UN Fact-Finding Mission on Myanmar|U.N. Fact-Finding Mission on Myanmar
+UNHCR; igo; ; UN Refugee Agency|U.N. refugee agency|UN High Commissioner for Refugees|United Nations High Commissioner for Refugees|Office of the United Nations High Commissioner for Refugees
+UNICEF; igo; ; Unicef|United Nations Children's Fund|UN Children's Fund
+World Health Organization; igo; ; WHO|World Health Organisation
Tedros Adhanom Ghebreyesus; igo; ; Tedros Adhanom|Tedros
+UNESCO; igo; ; Unesco|United Nations Educational, Scientific and Cultural Organization
+International Labour Organization; igo; ; ILO|International Labor Organization|International Labour Organisation
UN Development Programme; igo; ; UNDP|United Nations Development Programme|United Nations Development Program
UN Women; igo; ; United Nations Entity for Gender Equality and the Empowerment of Women
UNRWA; igo; ; United Nations Relief and Works Agency for Palestine Refugees in the Near East
UN Office for the Coordination of Humanitarian Affairs; igo; ; OCHA|United Nations Office for the Coordination of Humanitarian Affairs
World Food Programme; igo; ; WFP|World Food Program
UN Office on Drugs and Crime; igo; ; UNODC|United Nations Office on Drugs and Crime
International Atomic Energy Agency; igo; ; IAEA
Organisation for the Prohibition of Chemical Weapons; igo; ; OPCW|Organization for the Prohibition of Chemical Weapons
Conference of the States Parties to the Chemical Weapons Convention; igo; ;
High-Level Panel on Financial Accountability, Transparency and Integrity; igo; ; FACTI Panel
+International Criminal Court; igo; ; ICC
+International Court of Justice; igo; ; ICJ|World Court
World Bank; igo; ; World Bank Group
International Monetary Fund; igo; ; IMF
World Trade Organization; igo; ; WTO|World Trade Organisation
Interpol; igo; ; INTERPOL|International Criminal Police Organization
# --- Regional and other intergovernmental bodies (EU institutions are igo: codebook section 3)
+European Union; igo; ; EU|E.U.
+European Commission; igo; ; EU Commission
+European Parliament; legislature; ; EU Parliament
Council of the European Union; igo; ; Council of the EU
European Council; igo; ;
EU High Representative for Foreign Affairs and Security Policy; igo; ; High Representative of the Union for Foreign Affairs and Security Policy|EU High Representative|EU foreign policy chief
Josep Borrell; igo; ; Borrell
Federica Mogherini; igo; ; Mogherini
European External Action Service; igo; ; EEAS
European Court of Human Rights; igo; ; ECtHR
Court of Justice of the European Union; igo; ; CJEU|European Court of Justice
+Council of Europe; igo; ;
+OSCE; igo; ; Organization for Security and Co-operation in Europe|Organization for Security and Cooperation in Europe
+NATO; igo; ; North Atlantic Treaty Organization|North Atlantic Treaty Organisation|NATO Secretary-General|Secretary-General of NATO
+Organisation of Islamic Cooperation; igo; ; OIC|Organization of Islamic Cooperation|Organisation of Islamic Co-operation|OIC Secretary-General
+African Union; igo; ; AU|African Union Commission
+ASEAN; igo; ; Association of Southeast Asian Nations|Association of South-East Asian Nations|ASEAN Secretary-General
Arab League; igo; ; League of Arab States
Gulf Cooperation Council; igo; ; GCC|Cooperation Council for the Arab States of the Gulf
Organization of American States; igo; ; OAS|Organisation of American States
Shanghai Cooperation Organisation; igo; ; SCO|Shanghai Cooperation Organization
Pacific Islands Forum; igo; ;
Caribbean Community; igo; ; CARICOM|Caricom
Economic Community of West African States; igo; ; ECOWAS
# --- Groups of states (codebook: government, no country)
+G7; government; ; Group of Seven|G-7|G7 countries
G20; government; ; Group of Twenty|G-20
Group of 77; government; ; G77|G-77|Group of 77 and China
BRICS countries; government; ; BRICS
Non-Aligned Movement; government; ; Movement of Non-Aligned Countries
Five Eyes; government; ; Five Eyes alliance
Lima Group; government; ;
Coalition to Support Legitimacy in Yemen; government; ; Saudi-led coalition
# --- China: government, party, officials
Chinese Communist Party; government; CHN; CCP|Communist Party of China|CPC
Chinese Foreign Ministry; government; CHN; China's Foreign Ministry|Chinese Ministry of Foreign Affairs|China's Ministry of Foreign Affairs|Ministry of Foreign Affairs of China|Ministry of Foreign Affairs of the People's Republic of China|Chinese MFA
State Council of China; government; CHN; China's State Council|Chinese State Council|State Council of the People's Republic of China
State Council Information Office; government; CHN; SCIO|China's State Council Information Office
Xinjiang government; government; CHN; Xinjiang Uygur Autonomous Region government|Xinjiang regional government|Xinjiang authorities|Government of the Xinjiang Uygur Autonomous Region
Hong Kong and Macao Affairs Office; government; CHN; Hong Kong and Macau Affairs Office|HKMAO
Liaison Office of the Central People's Government in the Hong Kong SAR; government; CHN; Hong Kong Liaison Office|China's Liaison Office in Hong Kong|Central Government Liaison Office
Chinese Embassy in Canada; government; CHN; Embassy of China in Canada|Chinese Embassy in Ottawa
Chinese Embassy in the United States; government; CHN; Embassy of China in the United States|Chinese Embassy in Washington|Chinese Embassy in the US|Chinese Embassy in the U.S.
Xi Jinping; government; CHN; President Xi|Xi
Li Keqiang; government; CHN; Premier Li Keqiang
Chen Quanguo; government; CHN;
Wang Yi; government; CHN;
Geng Shuang; government; CHN;
Hua Chunying; government; CHN;
Lu Kang; government; CHN;
Zhao Lijian; government; CHN;
Wang Wenbin; government; CHN;
Mao Ning; government; CHN;
Liu Pengyu; government; CHN;
Liu Xiaoming; government; CHN;
Global Times editor-in-chief; media; CHN; Hu Xijin
# --- Hong Kong, Taiwan
Carrie Lam; government; HKG; Carrie Lam Cheng Yuet-ngor|Lam Cheng Yuet-ngor
Leung Chun-ying; government; HKG; CY Leung|C.Y. Leung|C. Y. Leung
Hong Kong police; government; HKG; Hong Kong Police Force|HK police
Hong Kong Legislative Council; legislature; HKG; LegCo|Legislative Council of Hong Kong|Hong Kong's Legislative Council
Tsai Ing-wen; government; TWN; Tsai|President Tsai
Taiwan's foreign affairs authority; government; TWN; Taiwan's Ministry of Foreign Affairs|Taiwan's Foreign Ministry|Taiwanese Foreign Ministry
Democratic Progressive Party; government; TWN; DPP authorities
Legislative Yuan; legislature; TWN;
# --- United States
White House; government; USA;
US Department of State; government; USA; US State Department|U.S. State Department|State Department|United States Department of State|U.S. Department of State|Department of State|United States State Department
US Department of the Treasury; government; USA; US Treasury Department|U.S. Treasury Department|United States Department of the Treasury|U.S. Department of the Treasury|Treasury Department|US Treasury|U.S. Treasury
US Department of Justice; government; USA; U.S. Department of Justice|United States Department of Justice|US Justice Department|U.S. Justice Department|DOJ
US Department of the Interior; government; USA; U.S. Department of the Interior|US Interior Department|U.S. Interior Department
US Department of Commerce; government; USA; U.S. Department of Commerce|United States Department of Commerce|US Commerce Department|U.S. Commerce Department
US Department of Defense; government; USA; Pentagon|U.S. Department of Defense|United States Department of Defense|US Defense Department|U.S. Defense Department
Federal Communications Commission; government; USA; FCC
Federal Bureau of Investigation; government; USA; FBI
United States Mission to the United Nations; government; USA; US Mission to the UN|U.S. Mission to the U.N.|US Mission to the United Nations|U.S. Mission to the United Nations
American Institute in Taiwan; government; USA; AIT
Donald Trump; government; USA; President Trump|President Donald Trump|Donald J. Trump
Joe Biden; government; USA; President Biden|Biden
Mike Pompeo; government; USA; Pompeo|Michael Pompeo|Secretary Pompeo
Antony Blinken; government; USA; Blinken
Mike Pence; government; USA; Vice President Pence|Vice President Mike Pence
John Bolton; government; USA; Bolton
Mark Esper; government; USA; Esper
Steven Mnuchin; government; USA; Steve Mnuchin|Mnuchin
Sam Brownback; government; USA; Brownback
Stephen Biegun; government; USA; Biegun
Randall Schriver; government; USA; Schriver
Terry Branstad; government; USA; Branstad
US Congress; legislature; USA; U.S. Congress|United States Congress
US Senate; legislature; USA; U.S. Senate|United States Senate
US House of Representatives; legislature; USA; U.S. House of Representatives|United States House of Representatives
Congressional-Executive Commission on China; legislature; USA; CECC
US-China Economic and Security Review Commission; legislature; USA; U.S.-China Economic and Security Review Commission|USCC
US Commission on International Religious Freedom; government; USA; U.S. Commission on International Religious Freedom|United States Commission on International Religious Freedom|USCIRF
Nancy Pelosi; legislature; USA; Pelosi|Speaker Pelosi
James Risch; legislature; USA; Jim Risch|Risch
Rudolph Giuliani; public; USA; Rudy Giuliani|Giuliani
# --- Other governments, legislatures and officials
UK Foreign Office; government; GBR; Foreign Office|British Foreign Office|Foreign, Commonwealth and Development Office|FCDO|Foreign and Commonwealth Office|FCO
UK Parliament; legislature; GBR; British Parliament|Parliament of the United Kingdom|UK House of Commons|British House of Commons|House of Lords
Canadian House of Commons; legislature; CAN; House of Commons of Canada|Canada's House of Commons
Justin Trudeau; government; CAN; Trudeau
Bundestag; legislature; DEU; German Bundestag
Vladimir Putin; government; RUS; Putin|President Putin|President of Russia|President of the Russian Federation|Russian President Vladimir Putin
# --- Heads of state and government and their spokespeople in the period of the project's sources
# (2018-2024), from general knowledge: the office held when the texts were written. (A title
# alias such as "President of Russia" names the holder of that period.)
Volodymyr Zelenskyy; government; UKR; Zelenskyy|Zelensky|Zelenskiy|Volodymyr Zelensky|President Zelenskyy|President Zelensky|President of Ukraine
Dmitry Peskov; government; RUS; Peskov|Dmitri Peskov
Dmitry Medvedev; government; RUS; Medvedev
Alexander Lukashenko; government; BLR; Lukashenko|Aleksandr Lukashenko|Alyaksandr Lukashenka|Lukashenka
Muhammadu Buhari; government; NGA; Buhari|President Buhari
Rodrigo Duterte; government; PHL; Duterte|President Duterte|Rodrigo Roa Duterte
Ferdinand Marcos Jr.; government; PHL; Ferdinand Marcos Jr|Bongbong Marcos|Marcos Jr.
Emmerson Mnangagwa; government; ZWE; Mnangagwa|President Mnangagwa
Yoweri Museveni; government; UGA; Museveni|President Museveni
Paul Kagame; government; RWA; Kagame|President Kagame
Abdel Fattah el-Sisi; government; EGY; Abdel Fattah al-Sisi|el-Sisi|al-Sisi|Sisi
Mohammed bin Salman; government; SAU; MBS|Crown Prince Mohammed bin Salman|Mohammad bin Salman
Daniel Ortega; government; NIC; Ortega|President Ortega
Kassym-Jomart Tokayev; government; KAZ; Tokayev
Shavkat Mirziyoyev; government; UZB; Mirziyoyev
Ali Khamenei; government; IRN; Ayatollah Ali Khamenei|Khamenei|Supreme Leader Ali Khamenei
Ebrahim Raisi; government; IRN; Raisi|President Raisi
Benjamin Netanyahu; government; ISR; Netanyahu|Bibi Netanyahu
Boris Johnson; government; GBR; Prime Minister Boris Johnson
Olaf Scholz; government; DEU; Scholz|Chancellor Scholz
Jair Bolsonaro; government; BRA; Bolsonaro|President Bolsonaro
Cyril Ramaphosa; government; ZAF; Ramaphosa|President Ramaphosa
Uhuru Kenyatta; government; KEN; President Kenyatta
William Ruto; government; KEN; President Ruto
Abiy Ahmed; government; ETH; Abiy|Prime Minister Abiy
Sheikh Hasina; government; BGD; Prime Minister Sheikh Hasina
Gotabaya Rajapaksa; government; LKA; President Gotabaya Rajapaksa
Andrés Manuel López Obrador; government; MEX; Andres Manuel Lopez Obrador|López Obrador|Lopez Obrador|AMLO
John Lee; government; HKG; John Lee Ka-chiu|Chief Executive John Lee
Sergey Lavrov; government; RUS; Sergei Lavrov|Lavrov
Maria Zakharova; government; RUS; Zakharova
State Duma; legislature; RUS; Russian State Duma|Duma
National People's Congress; legislature; CHN; NPC|China's National People's Congress|Chinese National People's Congress
Standing Committee of the National People's Congress; legislature; CHN; NPC Standing Committee|NPCSC
Emmanuel Macron; government; FRA; Macron|President Macron
Angela Merkel; government; DEU; Merkel|Chancellor Merkel
Narendra Modi; government; IND; Modi|Prime Minister Modi
Recep Tayyip Erdoğan; government; TUR; Recep Tayyip Erdogan|Erdoğan|Erdogan
Nicolás Maduro; government; VEN; Nicolas Maduro|Maduro
Kim Jong Un; government; PRK; Kim Jong-un
Bashar al-Assad; government; SYR; Bashar Assad|Assad
Aung San Suu Kyi; government; MMR; Suu Kyi
Min Aung Hlaing; government; MMR;
Jacinda Ardern; government; NZL; Ardern
Hassan Rouhani; government; IRN; Rouhani|President Rouhani
Abbas Mousavi; government; IRN; Mousavi
Guardian Council; government; IRN; Council of Guardians
Hun Sen; government; KHM; Samdech Hun Sen
Mahathir Mohamad; government; MYS; Mahathir|Mahathir bin Mohamad
Milos Zeman; government; CZE; Miloš Zeman|Zeman
Moon Jae-in; government; KOR; President Moon
Juan Carlos Varela; government; PAN; Varela
Antonio Costa; government; PRT; António Costa
Baron Waqa; government; NRU; Waqa
Salvador Panelo; government; PHL; Panelo
# --- NGOs, diaspora organisations, research institutes, watchdogs (codebook: ngo)
+Human Rights Watch; ngo; ; HRW
Kenneth Roth; ngo; ; Ken Roth|Roth
Louis Charbonneau; ngo; ; Charbonneau
Maya Wang; ngo; ;
+Amnesty International; ngo; ; Amnesty
+International Service for Human Rights; ngo; ; ISHR
Sarah M. Brooks; ngo; ; Sarah Brooks
+Committee to Protect Journalists; ngo; ; CPJ
+Reporters Without Borders; ngo; ; RSF|Reporters sans frontières
+Freedom House; ngo; ;
+World Uyghur Congress; ngo; ; WUC
Omer Kanat; ngo; ; Kanat
+Uyghur Human Rights Project; ngo; ; UHRP
+Campaign for Uyghurs; ngo; ; CFU
Rushan Abbas; ngo; ;
+Uyghur Transitional Justice Database; ngo; ; UTJD
Xinjiang Victims Database; ngo; ;
+International Commission of Jurists; ngo; ;
+International Federation for Human Rights; ngo; ; FIDH
+Human Rights in China; ngo; ; HRIC
+Chinese Human Rights Defenders; ngo; ; CHRD
+Hong Kong Watch; ngo; ;
Hong Kong Democracy Council; ngo; ;
Hong Kong Human Rights Monitor; ngo; HKG;
Civil Human Rights Front; ngo; HKG;
Hong Kong Journalists Association; ngo; HKG; HKJA
+International Campaign for Tibet; ngo; ;
+Tibet Action Institute; ngo; ;
+Students for a Free Tibet; ngo; ; SFT
+Free Tibet; ngo; ;
+PEN America; ngo; USA; PEN American Center
PEN International; ngo; ;
+Article 19; ngo; ; ARTICLE 19
+Front Line Defenders; ngo; ;
+Human Rights First; ngo; USA;
+Genocide Watch; ngo; ;
+Safeguard Defenders; ngo; ;
Human Rights Foundation; ngo; ;
UN Watch; ngo; ;
Dui Hua Foundation; ngo; ; Dui Hua
ChinaAid; ngo; ; China Aid
Christian Solidarity Worldwide; ngo; ;
International Crisis Group; ngo; ; Crisis Group
Transparency International; ngo; ;
Global Witness; ngo; ;
Oxfam; ngo; ; Oxfam International
Save the Children; ngo; ;
Médecins Sans Frontières; ngo; ; Medecins Sans Frontieres|Doctors Without Borders|MSF
International Committee of the Red Cross; ngo; ; ICRC
+Australian Strategic Policy Institute; ngo; AUS; ASPI
Jamestown Foundation; ngo; USA;
Newlines Institute for Strategy and Policy; ngo; USA; Newlines Institute
Victims of Communism Memorial Foundation; ngo; USA;
Council on Foreign Relations; ngo; USA;
Brookings Institution; ngo; USA;
Council on American-Islamic Relations; ngo; USA; CAIR
Fairness and Accuracy in Reporting; ngo; USA; FAIR
# --- Media (state media reporting news are media; codebook section 3)
+Voice of America; media; USA; VOA
+Radio Free Asia; media; USA; RFA
+BBC; media; GBR; British Broadcasting Corporation|BBC News
+Reuters; media; GBR; Thomson Reuters
+Associated Press; media; USA; AP
+Agence France-Presse; media; FRA; AFP|Agence France Presse
+CNN; media; USA; Cable News Network
+The New York Times; media; USA; New York Times|NYT|NY Times
+The Washington Post; media; USA; Washington Post
The Washington Times; media; USA; Washington Times
+The Wall Street Journal; media; USA; Wall Street Journal|WSJ
+The Guardian; media; GBR;
Financial Times; media; GBR;
The Economist; media; GBR;
+Bloomberg; media; USA; Bloomberg News
USA Today; media; USA;
Los Angeles Times; media; USA;
Fox News; media; USA;
NPR; media; USA; National Public Radio
CBS News; media; USA;
NBC News; media; USA;
BuzzFeed News; media; USA;
Axios; media; USA;
Politico; media; USA;
Twitter; media; USA;
YouTube; media; USA;
Facebook; media; USA;
+Global Times; media; CHN;
+Xinhua; media; CHN; Xinhua News Agency
+CGTN; media; CHN; China Global Television Network
+China Daily; media; CHN;
+People's Daily; media; CHN;
China Central Television; media; CHN;
China News Service; media; CHN;
South China Morning Post; media; HKG; SCMP
Hong Kong Free Press; media; HKG; HKFP
Apple Daily; media; HKG;
Stand News; media; HKG;
RTHK; media; HKG; Radio Television Hong Kong
+International Consortium of Investigative Journalists; media; ; ICIJ
+NHK; media; JPN; Japan Broadcasting Corporation
+Kyodo News; media; JPN; Kyodo
Nikkei; media; JPN; Nikkei Asia|Nikkei Asian Review
Asahi Shimbun; media; JPN;
Yonhap; media; KOR; Yonhap News Agency
+Al Jazeera; media; QAT;
Deutsche Welle; media; DEU; DW
Der Spiegel; media; DEU;
France 24; media; FRA;
Radio France Internationale; media; FRA; RFI
Le Monde; media; FRA;
TASS; media; RUS;
RT; media; RUS; Russia Today
Sputnik; media; RUS;
Australian Broadcasting Corporation; media; AUS;
Sydney Morning Herald; media; AUS;
CBC; media; CAN; Canadian Broadcasting Corporation
The Globe and Mail; media; CAN; Globe and Mail
# --- Groups and public actors of the codebook examples
Hong Kong protesters; public; HKG;
Survivors of China's reeducation camps; public; ; Survivors of China's so-called reeducation camps
"""


def parse_states(block: str, source: str) -> list[Actor]:
    actors = []
    for line in block.strip().splitlines():
        iso3, name, aliases, capitals, demonyms = (cell.strip() for cell in line.split(";"))
        names = [a for a in (aliases.split("|") + capitals.split("|")) if a.strip()]
        actors.append(
            Actor(
                name=name,
                type="government",
                country=iso3,
                aliases=tuple(a.strip() for a in names),
                demonyms=tuple(d.strip() for d in demonyms.split("|") if d.strip()),
                source=source,
            )
        )
    return actors


def parse_curated(block: str) -> tuple[list[Actor], set[str]]:
    """The entries, and the names of those marked "+" (general knowledge asked for by name)."""
    actors, general = [], set()
    for line in block.strip().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, type_, country, aliases = (cell.strip() for cell in line.split(";"))
        if name.startswith("+"):
            name = name[1:]
            general.add(name)
        actors.append(
            Actor(
                name=name,
                type=type_,
                country=country,
                aliases=tuple(a.strip() for a in aliases.split("|") if a.strip()),
            )
        )
    return actors, general


def gold_actors() -> dict[tuple[str, str, str], Counter]:
    """(actor, type, country) -> Counter of dataset splits, for every named gold actor."""
    found: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    for dataset in ("seeds", "extended"):
        with (DATA / f"{dataset}.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record["actor"] == "none":
                    continue
                key = (record["actor"], record["actor_type"], record["country"])
                found[key][f"{dataset}_{record['split']}"] += 1
    return found


def build() -> tuple[list[Actor], list[str]]:
    """Every entry, and the notes to print (gold conflicts)."""
    notes = []
    members = parse_states(UN_MEMBERS, "un_member")
    observers = parse_states(UN_OBSERVERS, "un_observer")
    territories = parse_states(TERRITORIES, "territory")
    assert len(members) == 193, len(members)
    assert len(observers) == 2, len(observers)
    curated, general = parse_curated(CURATED)
    entries = [*members, *observers, *territories, *curated]

    gold = gold_actors()
    # The same actor string (normalised) with two labels: keep the majority, report.
    by_key: dict[str, Counter] = defaultdict(Counter)
    surface: dict[str, Counter] = defaultdict(Counter)
    for (actor, type_, country), splits in gold.items():
        key = normalize_name(actor)
        by_key[key][(type_, country)] += sum(splits.values())
        surface[key][actor] += sum(splits.values())
    for key, labels in sorted(by_key.items()):
        if len(labels) > 1:
            notes.append(f"gold conflict for {key!r}: {dict(labels)}; majority kept")

    index = {normalize_name(v): e for e in entries for v in e.names()}
    splits_of: dict[str, set[str]] = defaultdict(set)  # entry name -> gold splits it covers
    gold_names: dict[str, Counter] = defaultdict(Counter)  # entry name -> gold surface forms
    for key, labels in sorted(by_key.items()):
        (type_, country), _ = labels.most_common(1)[0]
        splits = set()
        for (actor, t, c), counts in gold.items():
            if normalize_name(actor) == key and (t, c) == (type_, country):
                splits |= set(counts)
        entry = index.get(key)
        if entry is None:
            name = sorted(surface[key].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            entry = Actor(name=name, type=type_, country=country)
            entries.append(entry)
            index[key] = entry
        elif (entry.type, entry.country) != (type_, country):
            raise SystemExit(
                f"gold actor {key!r} is {type_}/{country} but its entry {entry.name!r} is "
                f"{entry.type}/{entry.country}"
            )
        splits_of[entry.name] |= splits
        gold_names[entry.name].update(surface[key])

    out = []
    for entry in entries:
        source = entry.source
        if entry.name in general:
            source = "curated"
        elif source not in STATE_SOURCES:
            splits = splits_of.get(entry.name)
            source = next(s for s in SPLIT_ORDER if s in splits) if splits else "curated"
        elif entry.name in gold_names:
            # A state's canonical name is the form the gold data use most.
            top = sorted(gold_names[entry.name].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            if normalize_name(top) != normalize_name(entry.name):
                raise SystemExit(f"state {entry.name!r}: the gold data call it {top!r} most")
        out.append(
            Actor(entry.name, entry.type, entry.country, entry.aliases, entry.demonyms, source)
        )
    return out, notes


def check(actors: list[Actor]) -> None:
    with (DATA / "countries.csv").open(encoding="utf-8") as handle:
        iso3 = {row["iso3"] for row in csv.DictReader(handle)}
    for actor in actors:
        if actor.country and actor.country not in iso3:
            raise SystemExit(f"{actor.name!r}: country {actor.country} is not in countries.csv")
    gazetteer = Gazetteer(actors)  # raises on a name, alias or demonym given to two entries
    for (actor, type_, country), _ in sorted(gold_actors().items()):
        found = gazetteer.lookup(actor)
        if found is None or (found.type, found.country) != (type_, country):
            raise SystemExit(f"gold actor {actor!r} ({type_}, {country}) looks up to {found}")


def render(actors: list[Actor]) -> str:
    order = {t: i for i, t in enumerate(GAZETTEER_TYPES)}

    def sort_key(actor: Actor) -> tuple:
        return (actor.source not in STATE_SOURCES, order[actor.type], actor.name.casefold())

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for a in sorted(actors, key=sort_key):
        writer.writerow(
            [a.name, a.type, a.country, "|".join(a.aliases), "|".join(a.demonyms), a.source]
        )
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the file")
    args = parser.parse_args()
    actors, notes = build()
    check(actors)
    for note in notes:
        print(note)
    text = render(actors)
    if args.check:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print(f"{OUT}: {'up to date' if same else 'differs from what this script writes'}")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    counts = Counter((a.type, a.source) for a in actors)
    print(f"wrote {OUT}: {len(actors)} entries")
    for (type_, source), n in sorted(counts.items()):
        print(f"  {type_:12} {source:20} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
