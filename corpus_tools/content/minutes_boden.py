"""(d) More Bodens kommun minutes, 2021–2026 (fictional)."""
from ._common import item, minutes

KS_BODEN = [
    "Claes Nordmark (S), ordförande",
    "Malin Öberg (S), 1:e vice ordförande",
    "Tomas Kero (M), 2:e vice ordförande",
    "Kjell Rönnbäck (S)",
    "Lena Vikström (S)",
    "Anders Grahn (S)",
    "Kristina Lundberg (V)",
    "Eva Marklund (C)",
    "Maria Lindbäck (KD)",
    "Pär Wiklund (L)",
    "Lars Hedman (SD)",
]

AVS_DNR = "Dnr KS 2022/0318"

KSAU_2021_09_14 = minutes(
    municipality="Bodens kommun",
    file="pdf/boden-ksau-protokoll-2021-09-14.pdf",
    body="Kommunstyrelsens arbetsutskott",
    date="2021-09-14",
    what="Protokoll, kommunstyrelsens arbetsutskott i Boden: regional transportplan, industrimark i Svartbyn, bredband på landsbygden, elförsörjning",
    place_time="Stadshuset, Kyrkgatan 24, sammanträdesrum Kronan, tisdagen den 14 september 2021 kl. 08.30–11.30",
    beslutande=[
        "Claes Nordmark (S), ordförande",
        "Malin Öberg (S)",
        "Tomas Kero (M)",
        "Kristina Lundberg (V)",
        "Eva Marklund (C)",
    ],
    ovriga=[
        "Åsa Lindström, kommundirektör",
        "Johanna Sjölund, näringslivschef, § 89",
        "Magnus Nyberg, samhällsbyggnadschef, §§ 88–91",
        "Erik Brännström, kommunsekreterare",
    ],
    justerare="Tomas Kero (M)",
    sekreterare="Erik Brännström",
    ordforande="Claes Nordmark (S)",
    keywords="protokoll, kommunstyrelsens arbetsutskott, Boden, transportplan, Svartbyn, bredband, elförsörjning",
    items=[
        item(88, "Dnr KS 2021/0390",
             "Yttrande över förslag till länsplan för regional transportinfrastruktur i Norrbottens län 2022–2033",
             ("Sammanfattning av ärendet", """
Region Norrbotten har remitterat förslaget till länsplan för regional transportinfrastruktur
2022–2033. Planen omfattar cirka 1,6 miljarder kronor för investeringar i regionala vägar, gång- och
cykelvägar och kollektivtrafik.

Bodens kommun välkomnar att väg 97 mellan Boden och Luleå prioriteras, men konstaterar att de
aviserade industrisatsningarna i Svartbyn kommer att öka trafiken kraftigt. Kommunen föreslår att
medel avsätts för en ny trafikplats vid Svartbyn, att pendlingsparkeringar byggs vid Bodens
resecentrum och att gång- och cykelvägen mellan Boden och Sävast färdigställs. Kommunen betonar
också att dubbelspår på järnvägen Luleå–Boden behöver lyftas till den nationella planen.
"""),
             ("Beslutsunderlag", [
                 "Samhällsbyggnadsförvaltningens tjänsteskrivelse, 2021-08-30",
                 "Förslag till yttrande, 2021-08-30",
             ]),
             ("Beslut", """
Kommunstyrelsens arbetsutskott beslutar att anta förslaget till yttrande och översända det till
Region Norrbotten.
"""),
             ("Beslutet skickas till", ["Region Norrbotten", "Luleå kommun för kännedom"])),
        item(89, "Dnr KS 2021/0355",
             "Förprojektering av industrimark och infrastruktur i Svartbyn",
             ("Sammanfattning av ärendet", """
H2 Green Steel AB har i februari 2021 meddelat att bolaget avser att etablera en anläggning för
fossilfri stålproduktion i Boden. Kommunen behöver snabbt förbereda mark, vägar, vatten och avlopp
samt anslutning till el- och fjärrvärmenät i Svartbyn.

Näringslivskontoret och samhällsbyggnadsförvaltningen föreslår att 4,8 miljoner kronor avsätts för
förprojektering av industrimark och infrastruktur. Förprojekteringen ska vara klar i mars 2022 och
utgöra underlag för investeringsbeslut och för arbetet med ny detaljplan.
"""),
             ("Beslutsunderlag", [
                 "Näringslivskontorets tjänsteskrivelse, 2021-09-01",
             ]),
             ("Yrkanden", """
Claes Nordmark (S) yrkar bifall till förslaget. Tomas Kero (M) yrkar bifall till förslaget med
tillägget att kostnaderna ska återföras genom markpriset vid försäljning.
"""),
             ("Beslutsgång", """
Ordföranden ställer förslaget och tilläggsyrkandet var för sig och finner att arbetsutskottet bifaller
förslaget och avslår tilläggsyrkandet.
"""),
             ("Beslut", """
Kommunstyrelsens arbetsutskott föreslår kommunstyrelsen besluta att avsätta 4,8 miljoner kronor för
förprojektering av industrimark och infrastruktur i Svartbyn, att finansieras ur kommunstyrelsens
utvecklingsreserv.
"""),
             ("Reservation", """
Ledamoten Tomas Kero (M) reserverar sig mot beslutet att avslå tilläggsyrkandet.
"""),
             ("Beslutet skickas till", ["Kommunstyrelsen"])),
        item(90, "Dnr KS 2021/0288",
             "Stödprogram för fiberföreningar på landsbygden 2022–2024",
             ("Sammanfattning av ärendet", """
Omkring 1 100 hushåll och 150 företag på Bodens landsbygd saknar fortfarande tillgång till snabbt
bredband, bland annat i Gunnarsbyn, Harads och Unbyn. Förslaget innebär att kommunen under tre år
avsätter 1,5 miljoner kronor per år som medfinansiering till fiberföreningar som beviljas statligt
bredbandsstöd. Bredband är en förutsättning för att företag ska kunna verka och för att fler ska
vilja bo på landsbygden.
"""),
             ("Beslutsunderlag", ["Samhällsbyggnadsförvaltningens tjänsteskrivelse, 2021-08-25"]),
             ("Beslut", """
Kommunstyrelsens arbetsutskott föreslår kommunstyrelsen besluta att inrätta ett stödprogram för
fiberföreningar på landsbygden med 1,5 miljoner kronor per år 2022–2024.
"""),
             ("Beslutet skickas till", ["Kommunstyrelsen"])),
        item(91, "Dnr KS 2021/0402",
             "Kapacitetsutredning för elförsörjning i Boden",
             ("Sammanfattning av ärendet", """
Elbehovet i Boden väntas öka mångdubbelt när stålproduktionen i Svartbyn startar. Vattenfall
Eldistribution och Bodens Energi AB har påbörjat planeringen av ny nätkapacitet, men kommunen saknar
en samlad bild av behoven för bostäder, service och mindre företag. Förvaltningen föreslår att
kommunen tillsammans med Bodens Energi AB beställer en kapacitetsutredning för 180 000 kronor.
"""),
             ("Beslutsunderlag", ["Samhällsbyggnadsförvaltningens tjänsteskrivelse, 2021-09-03"]),
             ("Beslut", """
Kommunstyrelsens arbetsutskott beslutar att tillsammans med Bodens Energi AB beställa en
kapacitetsutredning för elförsörjning, med en kostnad för kommunen på högst 180 000 kronor.
"""),
             ("Beslutet skickas till", ["Bodens Energi AB", "Samhällsbyggnadsförvaltningen"])),
        item(92, "Dnr KS 2021/0199",
             "Svar på medborgarförslag om en ny lekplats i Sävast",
             ("Sammanfattning av ärendet", """
Förslagsställaren föreslår en ny lekplats i Sävast, där många barnfamiljer har flyttat in. Tekniska
förvaltningen planerar att rusta upp lekplatsen vid Sävastskolan 2022 och att pröva en ny lekplats i
samband med detaljplanen för nya bostäder i Sävast. Förslaget föreslås därmed vara besvarat.
"""),
             ("Beslutsunderlag", ["Medborgarförslag, inkommet 2021-04-12", "Tekniska förvaltningens yttrande, 2021-08-20"]),
             ("Beslut", """
Kommunstyrelsens arbetsutskott föreslår kommunfullmäktige besluta att medborgarförslaget ska anses
besvarat.
"""),
             ("Beslutet skickas till", ["Kommunfullmäktige"])),
    ],
)


SBN_2024_04_17 = minutes(
    municipality="Bodens kommun",
    file="pdf/boden-samhallsbyggnadsnamnden-protokoll-2024-04-17.pdf",
    body="Samhällsbyggnadsnämnden",
    date="2024-04-17",
    what="Protokoll, samhällsbyggnadsnämnden i Boden: detaljplan för 350 bostäder i Sävast, detaljplaneuppdrag, tillfälliga bostäder, bygglov",
    place_time="Stadshuset, Kyrkgatan 24, sammanträdesrum Björkelund, onsdagen den 17 april 2024 kl. 13.00–16.00",
    beslutande=[
        "Hans Lundqvist (S), ordförande",
        "Anna Strand (S), vice ordförande",
        "Björn Isaksson (M)",
        "Marita Engman (S)",
        "Olle Sjöström (V)",
        "Gunilla Hammar (C)",
        "Robert Nilsson (SD)",
    ],
    ovriga=[
        "Magnus Nyberg, samhällsbyggnadschef",
        "Elin Wahlberg, planchef, §§ 51–52",
        "Daniel Persson, bygglovschef, §§ 53–54",
        "Sanna Lind, nämndsekreterare",
    ],
    justerare="Björn Isaksson (M)",
    sekreterare="Sanna Lind",
    ordforande="Hans Lundqvist (S)",
    keywords="protokoll, samhällsbyggnadsnämnden, Boden, detaljplan, bostäder, Sävast, tillfälliga bostäder",
    items=[
        item(51, "Dnr SBN 2022/0415",
             "Detaljplan för bostäder i Sävast, del av Sävast 17:1 – antagande",
             ("Sammanfattning av ärendet", """
Detaljplanen möjliggör cirka 350 bostäder i en blandning av flerbostadshus, radhus och villor i
östra Sävast, samt en förskola och en ny lekplats. Planen ingår i arbetet med att öka bostadsbyggandet
i Boden inför och under etableringen i Svartbyn, och i kommunens samverkan med Luleå kommun om fler
aktörer som bidrar till bostadsbyggande.

Planförslaget har varit på samråd i maj–juni 2023 och på granskning i januari 2024. Synpunkterna
gällde främst trafiken på Sävastvägen, skolkapacitet och ett område med gammal tallskog. Efter
granskningen har tallskogen undantagits från bebyggelse och antalet bostäder minskats från 380 till
cirka 350.
"""),
             ("Beslutsunderlag", [
                 "Samhällsbyggnadsförvaltningens tjänsteskrivelse, 2024-03-28",
                 "Plankarta och planbeskrivning, 2024-03-25",
                 "Granskningsutlåtande, 2024-03-22",
             ]),
             ("Yrkanden", """
Hans Lundqvist (S) yrkar bifall till förvaltningens förslag.

Olle Sjöström (V) yrkar att detaljplanen återremitteras för att utreda en större andel hyresrätter.
"""),
             ("Beslutsgång", """
Ordföranden ställer först frågan om ärendet ska avgöras i dag och finner att nämnden beslutar det.
Därefter ställer ordföranden förvaltningens förslag under proposition och finner det bifallet.
"""),
             ("Beslut", """
Samhällsbyggnadsnämnden beslutar att anta detaljplan för bostäder i Sävast, del av Sävast 17:1.
"""),
             ("Reservation", """
Ledamoten Olle Sjöström (V) reserverar sig mot beslutet till förmån för eget yrkande om
återremiss.
"""),
             ("Beslutet skickas till", ["Lantmäteriet", "Länsstyrelsen i Norrbottens län", "Exploateringsenheten"])),
        item(52, "Dnr SBN 2024/0102",
             "Detaljplaneuppdrag för flerbostadshus i kvarteret Gösen, centrala Boden",
             ("Sammanfattning av ärendet", """
Bodens Bostäder AB har ansökt om planbesked för att ersätta en parkeringsplats i kvarteret Gösen med
två flerbostadshus med cirka 120 hyresrätter. Förvaltningen bedömer att förtätningen är lämplig nära
resecentrum och service och föreslår att nämnden ger förvaltningen ett detaljplaneuppdrag.
"""),
             ("Beslutsunderlag", ["Samhällsbyggnadsförvaltningens tjänsteskrivelse, 2024-03-27"]),
             ("Beslut", """
Samhällsbyggnadsnämnden beslutar att ge samhällsbyggnadsförvaltningen i uppdrag att upprätta
detaljplan för flerbostadshus i kvarteret Gösen.
"""),
             ("Beslutet skickas till", ["Bodens Bostäder AB", "Planenheten"])),
        item(53, "Dnr SBN 2024/0087",
             "Tidsbegränsat bygglov för tillfälliga bostäder i Svartbyn, Svartbyn 4:12",
             ("Sammanfattning av ärendet", """
Sökanden ansöker om tidsbegränsat bygglov i tio år för 240 tillfälliga bostäder i moduler för
byggpersonal under uppförandet av stålverket i Svartbyn. Området är planlagt för industri.
Förvaltningen bedömer att behovet är tillfälligt och att marken kan återställas, och föreslår att
bygglov beviljas med villkor om återställning senast 2034-05-01.
"""),
             ("Beslutsunderlag", ["Samhällsbyggnadsförvaltningens tjänsteskrivelse, 2024-04-02", "Situationsplan och ritningar"]),
             ("Beslut", """
Samhällsbyggnadsnämnden beslutar att bevilja tidsbegränsat bygglov till och med 2034-05-01 för
tillfälliga bostäder på fastigheten Svartbyn 4:12. Avgiften fastställs till 148 600 kronor.
"""),
             ("Beslutet skickas till", ["Sökanden"])),
        item(54, "Dnr SBN 2024/0010",
             "Redovisning av bygglovsverksamheten 2023",
             ("Sammanfattning av ärendet", """
Under 2023 kom 612 ansökningar om bygglov in, varav 96 avsåg nya bostadshus. Beslut om bygglov för
sammanlagt 318 nya bostäder fattades, vilket är det högsta antalet sedan 1970-talet. Mediantiden
till beslut var 24 dagar. Förvaltningen har anställt två bygglovshandläggare för att möta
ökningen.
"""),
             ("Beslutsunderlag", ["Bygglovsenhetens redovisning, 2024-03-15"]),
             ("Beslut", """
Samhällsbyggnadsnämnden beslutar att lägga redovisningen till handlingarna.
"""),
             ("Beslutet skickas till", ["Bygglovsenheten"])),
        item(55, "Dnr SBN 2024/0066",
             "Inriktningsbeslut om gång- och cykelväg mellan Svartbyn och centrum",
             ("Sammanfattning av ärendet", """
En belyst gång- och cykelväg på 3,4 kilometer mellan industriområdet i Svartbyn och Bodens centrum
föreslås för att fler ska kunna ta sig till arbetet utan bil. Kostnaden beräknas till 21 miljoner
kronor, varav hälften kan finansieras med statlig medfinansiering.
"""),
             ("Beslutsunderlag", ["Samhällsbyggnadsförvaltningens tjänsteskrivelse, 2024-03-29"]),
             ("Beslut", """
Samhällsbyggnadsnämnden föreslår kommunstyrelsen besluta att ge samhällsbyggnadsförvaltningen i
uppdrag att projektera gång- och cykelvägen och söka statlig medfinansiering.
"""),
             ("Beslutet skickas till", ["Kommunstyrelsen"])),
    ],
)


KS_2024_11_25 = minutes(
    municipality="Bodens kommun",
    file="pdf/boden-ks-protokoll-2024-11-25.pdf",
    body="Kommunstyrelsen",
    date="2024-11-25",
    what="Protokoll, kommunstyrelsen i Boden: uppföljning 2024 av avsiktsförklaringen med Luleå kommun, Stegras etablering, elförsörjning, företagsklimat",
    place_time="Stadshuset, Kyrkgatan 24, sammanträdesrum Kronan, måndagen den 25 november 2024 kl. 13.00–16.20",
    beslutande=KS_BODEN,
    ovriga=[
        "Åsa Lindström, kommundirektör",
        "Ida Granlund, samordnare för samverkan Boden–Luleå, § 170",
        "Johanna Sjölund, näringslivschef, §§ 171 och 173",
        "Erik Brännström, kommunsekreterare",
    ],
    justerare="Eva Marklund (C)",
    sekreterare="Erik Brännström",
    ordforande="Claes Nordmark (S)",
    keywords="protokoll, kommunstyrelsen, Boden, uppföljning 2024, avsiktsförklaring, Stegra, elförsörjning, företagsklimat",
    items=[
        item(170, AVS_DNR,
             "Uppföljning 2024 av avsiktsförklaringen om samverkan mellan Bodens kommun och Luleå kommun",
             ("Sammanfattning av ärendet", """
Uppföljningen avser perioden september 2023 till och med augusti 2024. Den gemensamma styrgruppen
behandlade den 15 oktober 2024.

Kompetensförsörjning: Den gemensamma yrkeshögskoleutbildningen för drifttekniker startade i
augusti 2024 med 35 studerande. Samverkansavtalet om yrkesvux har gett 260 invånare i Boden en
plats på en utbildning i Luleå och 140 invånare i Luleå en plats i Boden.

Leva och bo: Boden har antagit detaljplanen för 350 bostäder i Sävast och gett uppdrag om nya
detaljplaner för bostäder i centrum. Kommunerna har tagit fram en gemensam vägledning för
tillfälliga bostäder. Antalet påbörjade bostäder har minskat i båda kommunerna på grund av
räntor och byggkostnader.

Infrastruktur: Stomlinjen för buss mellan Boden och Luleå startade i augusti 2024. Kommunerna har
lämnat gemensamt inspel om dubbelspår Luleå–Boden till regeringens arbete med nationell plan.

Näringslivsutveckling: Leverantörsprogrammet har 95 deltagande företag, varav 30 från Boden.
Kommunerna har ordnat sex träffar för näringslivet på landsbygden.
"""),
             ("Beslutsunderlag", [
                 "Kommunledningskontorets tjänsteskrivelse, 2024-11-04",
                 "Uppföljning 2024, avsiktsförklaring om samverkan Luleå–Boden, 2024-10-15",
                 "Kommunstyrelsens arbetsutskott 2024-11-12, § 151",
             ]),
             ("Beslut", """
Kommunstyrelsen beslutar att godkänna uppföljningen 2024 av avsiktsförklaringen om samverkan mellan
Bodens kommun och Luleå kommun.
"""),
             ("Beslutet skickas till", ["Luleå kommun", "Kommundirektören"]),
             short="Uppföljning 2024 av avsiktsförklaringen om samverkan med Luleå kommun"),
        item(171, "Dnr KS 2022/0201",
             "Förlängning av etableringsgruppen för Stegras etablering i Svartbyn 2025–2026",
             ("Sammanfattning av ärendet", """
Kommunstyrelsen inrättade 2022 en etableringsgrupp med anledning av H2 Green Steels etablering i
Svartbyn. Bolaget har under 2024 bytt namn till Stegra. Etableringsgruppen har samordnat kommunens
arbete med mark, detaljplaner, bygglov, vatten och avlopp och rekrytering. Arbetet med etableringen
pågår fortfarande, och kommunledningskontoret föreslår att etableringsgruppen förlängs till och med
2026 med en kostnad på 2,5 miljoner kronor per år.
"""),
             ("Beslutsunderlag", ["Kommunledningskontorets tjänsteskrivelse, 2024-11-01"]),
             ("Yrkanden", """
Claes Nordmark (S) yrkar bifall till förslaget.

Tomas Kero (M) yrkar att etableringsgruppen förlängs med ett år och att kostnaden ryms inom
befintlig ram.
"""),
             ("Beslutsgång", """
Ordföranden ställer yrkandena mot varandra och finner att kommunstyrelsen bifaller Claes Nordmarks
yrkande.
"""),
             ("Beslut", """
Kommunstyrelsen beslutar att förlänga etableringsgruppen till och med 2026 och att finansiera den
med 2,5 miljoner kronor per år ur kommunstyrelsens utvecklingsreserv.
"""),
             ("Reservation", """
Tomas Kero (M) och Maria Lindbäck (KD) reserverar sig mot beslutet till förmån för Tomas Keros
yrkande.
"""),
             ("Beslutet skickas till", ["Kommundirektören", "Ekonomikontoret"])),
        item(172, "Dnr KS 2024/0377",
             "Yttrande över Svenska kraftnäts förslag till nätutvecklingsplan",
             ("Sammanfattning av ärendet", """
Svenska kraftnät har remitterat sin nätutvecklingsplan. Bodens kommun framhåller i förslaget till
yttrande att utbyggnaden av stamnätet i norra Norrbotten måste ske i den takt som industrins
elektrifiering kräver, att kommunen behöver tidig information om nya ledningsstråk och att
elförsörjningen till bostäder och samhällsservice inte får trängas undan. Yttrandet har samordnats
med Luleå kommun.
"""),
             ("Beslutsunderlag", ["Samhällsbyggnadsförvaltningens tjänsteskrivelse, 2024-10-30", "Förslag till yttrande"]),
             ("Beslut", """
Kommunstyrelsen beslutar att anta förslaget till yttrande och översända det till Svenska kraftnät.
"""),
             ("Beslutet skickas till", ["Svenska kraftnät", "Luleå kommun"])),
        item(173, "Dnr KS 2024/0290",
             "Handlingsplan för ett bättre företagsklimat 2025–2026",
             ("Sammanfattning av ärendet", """
Handlingsplanen har tagits fram med Företagarna Boden och andra företagarorganisationer. Den
innehåller åtgärder för snabbare handläggning av bygglov och tillstånd, en företagslots, fler
upphandlingar som är anpassade för små och medelstora företag och stöd till företag på landsbygden.
Kostnaden för 2025 beräknas till 900 000 kronor.
"""),
             ("Beslutsunderlag", ["Näringslivskontorets tjänsteskrivelse, 2024-10-28", "Förslag till handlingsplan"]),
             ("Beslut", """
Kommunstyrelsen beslutar att anta handlingsplanen för ett bättre företagsklimat 2025–2026.
"""),
             ("Beslutet skickas till", ["Näringslivskontoret", "Samtliga förvaltningar"])),
    ],
)


UN_2025_03_19 = minutes(
    municipality="Bodens kommun",
    file="pdf/boden-utbildningsnamnden-protokoll-2025-03-19.pdf",
    body="Utbildningsnämnden",
    date="2025-03-19",
    what="Protokoll, utbildningsnämnden i Boden: yrkesvux för industrin, yrkeshögskola, lärarförsörjning, ny förskola i Sävast",
    place_time="Utbildningsförvaltningen, Kungsgatan 40, onsdagen den 19 mars 2025 kl. 13.00–15.45",
    beslutande=[
        "Maria Sundberg (S), ordförande",
        "Jonas Holmberg (S)",
        "Lisa Nordlund (V)",
        "Peter Engström (M), vice ordförande",
        "Karin Björk (C)",
        "Oscar Lind (SD)",
        "Sara Wallgren (KD)",
    ],
    ovriga=[
        "Helena Ek, utbildningschef",
        "Mats Lundin, rektor Komvux Boden, §§ 21–22",
        "Johanna Åkerlund, HR-strateg, § 23",
        "Frida Holm, nämndsekreterare",
    ],
    justerare="Peter Engström (M)",
    sekreterare="Frida Holm",
    ordforande="Maria Sundberg (S)",
    justering_place="Utbildningsförvaltningen",
    keywords="protokoll, utbildningsnämnden, Boden, yrkesvux, yrkeshögskola, kompetensförsörjning, förskola",
    items=[
        item(21, "Dnr UN 2025/0033",
             "Utökning av yrkesvux inom industri, el och energi 2025",
             ("Sammanfattning av ärendet", """
Efterfrågan på utbildade inom industri, el och energi är fortsatt hög i arbetsmarknadsregionen.
Komvux Boden föreslår att antalet platser inom yrkesvux för industriteknik och elteknik utökas med
60 platser under 2025. Utökningen finansieras med statsbidrag för regionalt yrkesvux och med 1,4
miljoner kronor ur nämndens budget. Enligt samverkansavtalet med Luleå kommun kan även invånare i
Luleå söka platserna.
"""),
             ("Beslutsunderlag", ["Utbildningsförvaltningens tjänsteskrivelse, 2025-03-03"]),
             ("Beslut", """
Utbildningsnämnden beslutar att utöka yrkesvux inom industriteknik och elteknik med 60 platser 2025
och att finansiera den kommunala delen med 1,4 miljoner kronor.
"""),
             ("Beslutet skickas till", ["Komvux Boden", "Luleå kommun, arbetsmarknadsförvaltningen"])),
        item(22, "Dnr UN 2025/0041",
             "Ansökan om yrkeshögskoleutbildningen Underhållstekniker inom elektrifierad industri",
             ("Sammanfattning av ärendet", """
Arbetsgivare i Boden och Luleå har behov av underhållstekniker med kunskap om elektrifierade
processer. Förvaltningen föreslår att Bodens kommun ansöker om en ettårig yrkeshögskoleutbildning med
30 platser per intag. Utbildningen kompletterar Luleå kommuns utbildning för drifttekniker och tas
fram inom avsiktsförklaringen om samverkan mellan kommunerna.
"""),
             ("Beslutsunderlag", ["Utbildningsförvaltningens tjänsteskrivelse, 2025-03-05"]),
             ("Beslut", """
Utbildningsnämnden beslutar att ansöka hos Myndigheten för yrkeshögskolan om att få bedriva
utbildningen Underhållstekniker inom elektrifierad industri med start hösten 2026.
"""),
             ("Beslutet skickas till", ["Komvux Boden"])),
        item(23, "Dnr UN 2024/0301",
             "Strategi för lärarförsörjning 2025–2028",
             ("Sammanfattning av ärendet", """
Boden behöver rekrytera omkring 180 lärare och förskollärare fram till 2028, bland annat på grund av
pensionsavgångar och ett ökat antal barn i Sävast och centrum. Strategin innehåller åtgärder för att
behålla personal, ge outbildade lärare möjlighet att bli behöriga och samordna rekryteringen med
Luleå kommun, bland annat genom gemensam marknadsföring mot inflyttare och deras medföljande.
"""),
             ("Beslutsunderlag", ["Utbildningsförvaltningens tjänsteskrivelse, 2025-02-27", "Förslag till strategi"]),
             ("Yrkanden", """
Peter Engström (M) yrkar att strategin kompletteras med ett lönelyft för lärare i bristämnen.
Maria Sundberg (S) yrkar bifall till förslaget.
"""),
             ("Beslutsgång", """
Ordföranden ställer yrkandena mot varandra och finner att nämnden bifaller Maria Sundbergs yrkande.
"""),
             ("Beslut", """
Utbildningsnämnden beslutar att anta strategi för lärarförsörjning 2025–2028.
"""),
             ("Reservation", """
Ledamoten Peter Engström (M) reserverar sig mot beslutet till förmån för eget yrkande.
"""),
             ("Beslutet skickas till", ["Utbildningsförvaltningen", "HR-avdelningen"])),
        item(24, "Dnr UN 2025/0012",
             "Lokalbehov: ny förskola i Sävast",
             ("Sammanfattning av ärendet", """
Detaljplanen för cirka 350 bostäder i Sävast innebär att behovet av förskoleplatser ökar med cirka
120 platser fram till 2029. Förvaltningen föreslår att nämnden begär att kommunstyrelsen ger
tekniska förvaltningen i uppdrag att projektera en förskola med sex avdelningar på den tomt som
reserverats i detaljplanen.
"""),
             ("Beslutsunderlag", ["Utbildningsförvaltningens tjänsteskrivelse, 2025-03-04"]),
             ("Beslut", """
Utbildningsnämnden beslutar att hemställa hos kommunstyrelsen om projektering av en ny förskola med
sex avdelningar i Sävast.
"""),
             ("Beslutet skickas till", ["Kommunstyrelsen", "Tekniska förvaltningen"])),
    ],
)


KS_2026_06_15 = minutes(
    municipality="Bodens kommun",
    file="pdf/boden-ks-protokoll-2026-06-15.pdf",
    body="Kommunstyrelsen",
    date="2026-06-15",
    what="Protokoll, kommunstyrelsen i Boden: beslut om förlängning av avsiktsförklaringen med Luleå kommun till 2030, stomlinje, bostadsförsörjningsprogram",
    place_time="Stadshuset, Kyrkgatan 24, sammanträdesrum Kronan, måndagen den 15 juni 2026 kl. 13.00–15.50",
    beslutande=KS_BODEN,
    ovriga=[
        "Åsa Lindström, kommundirektör",
        "Ida Granlund, samordnare för samverkan Boden–Luleå, § 101",
        "Magnus Nyberg, samhällsbyggnadschef, §§ 103–104",
        "Erik Brännström, kommunsekreterare",
    ],
    justerare="Tomas Kero (M)",
    sekreterare="Erik Brännström",
    ordforande="Claes Nordmark (S)",
    keywords="protokoll, kommunstyrelsen, Boden, förlängning, avsiktsförklaring, Luleå, bostadsförsörjning, kollektivtrafik",
    items=[
        item(101, AVS_DNR,
             "Förlängning av avsiktsförklaringen om samverkan mellan Bodens kommun och Luleå kommun",
             ("Sammanfattning av ärendet", """
Avsiktsförklaringen om samverkan mellan Bodens kommun och Luleå kommun gäller från september 2022
till och med september 2026. Kommunerna har gemensamt utvärderat samverkan under våren 2026.
Utvärderingen visar att samverkan har stärkt kommunernas gemensamma röst i frågor om
kompetensförsörjning, bostadsbyggande, infrastruktur och näringslivsutveckling, och att den har
underlättat hanteringen av etableringen i Svartbyn.

Kommunstyrelsen i Luleå beslutade den 25 maj 2026, § 95, att förlänga avsiktsförklaringen till och
med december 2030 under förutsättning att Bodens kommun fattar motsvarande beslut. Den reviderade
avsiktsförklaringen behåller de fyra prioriterade områdena och lägger till ett gemensamt mål om
minst 1 200 färdigställda bostäder per år i de två kommunerna samt beredskap och robust
elförsörjning inom infrastruktur.
"""),
             ("Beslutsunderlag", [
                 "Kommunledningskontorets tjänsteskrivelse, 2026-05-27",
                 "Utvärdering av samverkan Luleå–Boden 2022–2026, 2026-04-21",
                 "Förslag till reviderad avsiktsförklaring 2026–2030",
                 "Protokollsutdrag, kommunstyrelsen i Luleå kommun 2026-05-25, § 95",
             ]),
             ("Yrkanden", """
Claes Nordmark (S) och Tomas Kero (M) yrkar bifall till förslaget.

Lars Hedman (SD) yrkar att avsiktsförklaringen inte förlängs.
"""),
             ("Beslutsgång", """
Ordföranden ställer yrkandena mot varandra och finner att kommunstyrelsen bifaller Claes Nordmarks
och Tomas Keros yrkande.
"""),
             ("Beslut", """
Kommunstyrelsen beslutar att förlänga avsiktsförklaringen om samverkan mellan Bodens kommun och Luleå
kommun till och med december 2030 enligt förslaget till reviderad avsiktsförklaring.
"""),
             ("Reservation", """
Ledamoten Lars Hedman (SD) reserverar sig mot beslutet.
"""),
             ("Beslutet skickas till", ["Luleå kommun", "Kommundirektören"]),
             short="Förlängning av avsiktsförklaringen om samverkan med Luleå kommun"),
        item(102, "Dnr KS 2026/0140",
             "Avtal med Region Norrbotten om utökad stomlinje för buss mellan Boden och Luleå",
             ("Sammanfattning av ärendet", """
Region Norrbotten föreslår att stomlinjen mellan Boden och Luleå får avgångar var femtonde minut i
rusningstid och förlängs till industriområdet i Svartbyn. Bodens kommuns andel av den ökade
kostnaden är 4,1 miljoner kronor per år. Luleå kommun har godkänt motsvarande avtal.
"""),
             ("Beslutsunderlag", ["Samhällsbyggnadsförvaltningens tjänsteskrivelse, 2026-05-26", "Förslag till avtal"]),
             ("Beslut", """
Kommunstyrelsen beslutar att godkänna avtalet med Region Norrbotten om utökad stomlinje för buss
mellan Boden och Luleå från och med augusti 2026.
"""),
             ("Beslutet skickas till", ["Region Norrbotten", "Luleå kommun"])),
        item(103, "Dnr KS 2025/0512",
             "Bostadsförsörjningsprogram för Bodens kommun 2026–2030",
             ("Sammanfattning av ärendet", """
Programmet anger att Boden behöver cirka 300 nya bostäder per år fram till 2030. Det innehåller mål
för planberedskap för bostäder, markanvisningar till fler aktörer, bostäder för äldre och unga och
en plan för att avveckla de tillfälliga bostäderna i Svartbyn. Programmet har samordnats med Luleå
kommuns bostadsförsörjningsprogram.
"""),
             ("Beslutsunderlag", ["Samhällsbyggnadsförvaltningens tjänsteskrivelse, 2026-05-20", "Förslag till bostadsförsörjningsprogram"]),
             ("Beslut", """
Kommunstyrelsen föreslår kommunfullmäktige besluta att anta bostadsförsörjningsprogram för Bodens
kommun 2026–2030.
"""),
             ("Beslutet skickas till", ["Kommunfullmäktige"])),
        item(104, "Dnr KS 2026/0155",
             "Avveckling av etableringsgruppen och överföring till ordinarie organisation",
             ("Sammanfattning av ärendet", """
Etableringsgruppen för etableringen i Svartbyn upphör enligt tidigare beslut vid utgången av 2026.
Kommundirektören föreslår att uppgifterna förs över till näringslivskontoret och
samhällsbyggnadsförvaltningen från och med 2027, och att erfarenheterna dokumenteras för kommande
etableringar i regionen.
"""),
             ("Beslutsunderlag", ["Kommunledningskontorets tjänsteskrivelse, 2026-05-25"]),
             ("Beslut", """
Kommunstyrelsen beslutar att etableringsgruppens uppgifter förs över till näringslivskontoret och
samhällsbyggnadsförvaltningen från och med 2027-01-01.
"""),
             ("Beslutet skickas till", ["Kommundirektören", "Näringslivskontoret", "Samhällsbyggnadsförvaltningen"])),
    ],
)

DOCUMENTS = [KSAU_2021_09_14, SBN_2024_04_17, KS_2024_11_25, UN_2025_03_19, KS_2026_06_15]
