"""(d) More Luleå kommun minutes, 2021–2026 (fictional)."""
from ._common import item, minutes

KS_LULEA = [
    "Carina Sammeli (S), ordförande",
    "Mattias Holmgren (S), 1:e vice ordförande",
    "Henrik Åberg (M), 2:e vice ordförande",
    "Annelie Sundqvist (S)",
    "Linus Eriksson (S)",
    "Marie Bäckström (S)",
    "Jenny Forsman (S)",
    "Sofia Nyström (V)",
    "Birgitta Lundkvist (C)",
    "Roger Pettersson (M)",
    "Eva Viklund (L)",
    "Per-Olof Hedlund (SD)",
    "Kent Strand (SD)",
]

AVS_DNR = "Dnr 2022/456-1.1.1"

SBN_2021_11_25 = minutes(
    municipality="Luleå kommun",
    file="pdf/lulea-stadsbyggnadsnamnden-protokoll-2021-11-25.pdf",
    body="Stadsbyggnadsnämnden",
    date="2021-11-25",
    what="Protokoll, stadsbyggnadsnämnden i Luleå: detaljplaner för bostäder (Kronan, Bergnäset), planbesked, handläggningstider",
    place_time="Stadshuset, sammanträdesrum Lule älv, torsdagen den 25 november 2021 kl. 08.30–11.15",
    beslutande=[
        "Göran Nilsson (S), ordförande",
        "Karin Lindgren (V), vice ordförande",
        "Oskar Bergman (M), 2:e vice ordförande",
        "Ulla Johansson (S)",
        "Thomas Sandberg (S)",
        "Ingrid Wallin (C)",
        "Mikael Öhlund (SD)",
    ],
    ovriga=[
        "Petra Holm, stadsbyggnadsdirektör",
        "Erik Lundmark, planchef",
        "Sara Nordin, planarkitekt, §§ 201–202",
        "Johan Engström, bygglovschef, § 204",
        "Linda Marklund, nämndsekreterare",
    ],
    justerare="Oskar Bergman (M)",
    sekreterare="Linda Marklund",
    ordforande="Göran Nilsson (S)",
    keywords="protokoll, stadsbyggnadsnämnden, Luleå, detaljplan, bostäder",
    items=[
        item(201, "Dnr SBN 2019/0734",
             "Detaljplan för bostäder inom del av Kronan 1:4 m.fl., Kronandalen etapp 3 – antagande",
             ("Ärendebeskrivning", """
Syftet med detaljplanen är att möjliggöra cirka 450 nya bostäder i flerbostadshus och radhus i
Kronandalen, en förskola med sex avdelningar samt ett kvarterstorg. Planen är en fortsättning på
utbyggnaden av stadsdelen Kronan och ansluter till befintlig gatu- och kollektivtrafikstruktur.

Planförslaget har varit på samråd under våren 2021 och på granskning 2021-09-06 – 2021-09-27.
Inkomna synpunkter rör främst trafik på Midskogsvägen, dagvatten och bevarande av ett skogsparti.
Efter granskningen har planen justerats så att skogspartiet i planens norra del bevaras som
naturmark. Antalet bostäder har därmed minskat från 480 till cirka 450.

Detaljplanen bedöms inte medföra betydande miljöpåverkan. Planen ska antas av kommunfullmäktige
eftersom den är av stor betydelse för bostadsbyggandet i Luleå.
"""),
             ("Beslutsunderlag", [
                 "Stadsbyggnadsförvaltningens tjänsteskrivelse, 2021-11-08",
                 "Plankarta med bestämmelser, 2021-11-05",
                 "Planbeskrivning, 2021-11-05",
                 "Granskningsutlåtande, 2021-11-04",
             ]),
             ("Yrkanden", """
Göran Nilsson (S) yrkar bifall till förvaltningens förslag.

Karin Lindgren (V) yrkar att minst 30 procent av bostäderna ska upplåtas med hyresrätt.
"""),
             ("Beslutsgång", """
Ordföranden ställer förvaltningens förslag mot Karin Lindgrens ändringsyrkande och finner att
nämnden bifaller förvaltningens förslag.
"""),
             ("Beslut", """
Stadsbyggnadsnämnden föreslår kommunfullmäktige besluta att anta detaljplan för bostäder inom del av
Kronan 1:4 m.fl., Kronandalen etapp 3.
"""),
             ("Reservation", """
Ledamoten Karin Lindgren (V) reserverar sig mot beslutet till förmån för eget yrkande.
"""),
             ("Beslutet skickas till", ["Kommunfullmäktige", "Lantmäterienheten", "Exploateringsenheten"])),
        item(202, "Dnr SBN 2021/0412",
             "Detaljplan för småhus inom del av Bergnäset 5:1, Solbacken – beslut om samråd",
             ("Ärendebeskrivning", """
Detaljplanen syftar till att pröva cirka 120 bostäder i småhus och parhus på Solbacken, öster om
Bergnäsets centrum. Området är i dag skogsmark som ägs av kommunen. Efterfrågan på tomter för
småhus är stor; i kommunens tomtkö finns drygt 1 900 personer.

Planförslaget innehåller en ny lokalgata med anslutning till Bergnäsvägen, gång- och cykelväg mot
skolan samt ett område för dagvattenhantering. En naturmiljöinventering visar att inga höga
naturvärden berörs.
"""),
             ("Beslutsunderlag", [
                 "Stadsbyggnadsförvaltningens tjänsteskrivelse, 2021-11-09",
                 "Samrådshandling, plankarta och planbeskrivning, 2021-11-09",
             ]),
             ("Beslut", """
Stadsbyggnadsnämnden beslutar att sända ut förslag till detaljplan för småhus inom del av Bergnäset
5:1, Solbacken, på samråd.
"""),
             ("Beslutet skickas till", ["Planenheten"])),
        item(203, "Dnr SBN 2021/0655",
             "Planbesked för flerbostadshus inom fastigheten Porsön 1:412",
             ("Ärendebeskrivning", """
Fastighetsägaren har ansökt om planbesked för att få uppföra två flerbostadshus med sammanlagt
cirka 90 bostäder, varav en del som studentbostäder, på en parkeringsyta nära Luleå tekniska
universitet. Gällande detaljplan medger endast parkering.

Förvaltningen bedömer att åtgärden är lämplig. Platsen har god tillgång till kollektivtrafik och
service, och bostäder för studenter och nyanställda efterfrågas. Planarbetet beräknas kunna starta
under 2022.
"""),
             ("Beslutsunderlag", [
                 "Stadsbyggnadsförvaltningens tjänsteskrivelse, 2021-11-02",
                 "Ansökan om planbesked, 2021-09-20",
             ]),
             ("Beslut", """
Stadsbyggnadsnämnden beslutar att lämna positivt planbesked för flerbostadshus inom fastigheten
Porsön 1:412. Avgift för planbesked tas ut med 25 200 kronor enligt taxa.
"""),
             ("Beslutet skickas till", ["Sökanden", "Planenheten"])),
        item(204, "Dnr SBN 2021/0020",
             "Redovisning av handläggningstider för bygglov, januari–oktober 2021",
             ("Ärendebeskrivning", """
Bygglovsenheten har under perioden januari–oktober 2021 fattat 1 142 beslut om bygglov, vilket är
18 procent fler än motsvarande period 2020. Mediantiden från komplett ansökan till beslut var 19
dagar. Sex ärenden överskred tiden tio veckor, vilket innebar att avgiften reducerades. Antalet
ansökningar om bygglov för nya bostäder har ökat markant, framför allt för flerbostadshus.
"""),
             ("Beslutsunderlag", ["Bygglovsenhetens redovisning, 2021-11-10"]),
             ("Beslut", """
Stadsbyggnadsnämnden beslutar att lägga redovisningen till handlingarna.
"""),
             ("Beslutet skickas till", ["Bygglovsenheten"])),
    ],
)


AMN_2023_04_19 = minutes(
    municipality="Luleå kommun",
    file="pdf/lulea-arbetsmarknadsnamnden-protokoll-2023-04-19.pdf",
    body="Arbetsmarknadsnämnden",
    date="2023-04-19",
    what="Protokoll, arbetsmarknadsnämnden i Luleå: yrkeshögskola, samverkansavtal om yrkesvux med Bodens kommun, kompetensförsörjning",
    place_time="Kulturens hus, sammanträdesrum Sandviken, onsdagen den 19 april 2023 kl. 09.00–12.00",
    beslutande=[
        "Lena Holmström (S), ordförande",
        "Ahmed Yusuf (S)",
        "Annika Rönnqvist (V)",
        "Fredrik Lidén (M), 2:e vice ordförande",
        "Maja Nordqvist (C)",
        "Stefan Blomqvist (SD)",
        "Ellen Åström (L)",
    ],
    ovriga=[
        "Camilla Strömbäck, förvaltningschef",
        "Patrik Sundström, rektor vuxenutbildningen, §§ 41–43",
        "Nina Karlsson, verksamhetsutvecklare",
        "Tove Lindberg, nämndsekreterare",
    ],
    justerare="Fredrik Lidén (M)",
    sekreterare="Tove Lindberg",
    ordforande="Lena Holmström (S)",
    justering_place="Kulturens hus",
    keywords="protokoll, arbetsmarknadsnämnden, Luleå, vuxenutbildning, yrkeshögskola, kompetensförsörjning",
    items=[
        item(41, "Dnr AMN 2023/0118",
             "Ansökan till Myndigheten för yrkeshögskolan om utbildningen Drifttekniker inom fossilfri processindustri",
             ("Ärendebeskrivning", """
Industrin i Luleå och Boden efterfrågar drifttekniker med kunskap om elektrifierade processer,
vätgas och automation. Enligt arbetsgivarnas prognoser behövs minst 400 nya drifttekniker i
arbetsmarknadsregionen fram till 2027, främst hos stålindustrin, energibolagen och de nya
etableringarna i Svartbyn och Luleå.

Vuxenutbildningen föreslår att kommunen ansöker om att starta en tvåårig yrkeshögskoleutbildning om
400 yrkeshögskolepoäng med 35 platser per intag och tre intag. Utbildningen tas fram tillsammans med
Bodens kommun inom ramen för avsiktsförklaringen om samverkan, och LIA-platser har utlovats av sex
företag. Undervisningen bedrivs i Luleå med praktiska moment i Boden.
"""),
             ("Beslutsunderlag", [
                 "Arbetsmarknadsförvaltningens tjänsteskrivelse, 2023-03-30",
                 "Ansökan om yrkeshögskoleutbildning, utkast 2023-03-28",
                 "Avsiktsförklaringar från arbetsgivare om LIA-platser",
             ]),
             ("Beslut", """
Arbetsmarknadsnämnden beslutar att ansöka hos Myndigheten för yrkeshögskolan om att få bedriva
utbildningen Drifttekniker inom fossilfri processindustri med start hösten 2024.
"""),
             ("Beslutet skickas till", ["Vuxenutbildningen", "Bodens kommun, utbildningsförvaltningen"])),
        item(42, "Dnr AMN 2023/0097",
             "Samverkansavtal med Bodens kommun om gemensamt utbud av yrkesvux",
             ("Ärendebeskrivning", """
Enligt avsiktsförklaringen om samverkan mellan Luleå kommun och Bodens kommun ska kommunerna
utveckla en effektiv kompetensförsörjningsprocess i den gemensamma arbetsmarknadsregionen. Ett
konkret steg är att invånare i båda kommunerna ska kunna söka yrkesvux i den andra kommunen utan
särskild prövning av interkommunal ersättning.

Förslaget till samverkansavtal innebär att kommunerna samordnar sitt utbud av yrkesvux inom
industri, el och energi, bygg och anläggning, vård och omsorg samt transport. Luleå ansvarar för
utbildningar inom industriteknik och el, Boden för bygg, anläggning och tunga fordon. Ersättning
mellan kommunerna betalas enligt en gemensam prislista. Avtalet gäller 2023-07-01 till och med
2026-06-30.
"""),
             ("Beslutsunderlag", [
                 "Arbetsmarknadsförvaltningens tjänsteskrivelse, 2023-04-03",
                 "Förslag till samverkansavtal om yrkesvux, 2023-03-31",
             ]),
             ("Yrkanden", """
Lena Holmström (S) yrkar bifall till förvaltningens förslag.

Stefan Blomqvist (SD) yrkar att avtalet ska gälla i ett år i taget.
"""),
             ("Beslutsgång", """
Ordföranden ställer yrkandena mot varandra och finner att nämnden bifaller Lena Holmströms yrkande.
"""),
             ("Beslut", """
Arbetsmarknadsnämnden beslutar att godkänna samverkansavtalet med Bodens kommun om gemensamt utbud av
yrkesvux för perioden 2023-07-01 till och med 2026-06-30.
"""),
             ("Reservation", """
Ledamoten Stefan Blomqvist (SD) reserverar sig mot beslutet till förmån för eget yrkande.
"""),
             ("Beslutet skickas till", ["Bodens kommun", "Vuxenutbildningen"])),
        item(43, "Dnr AMN 2023/0052",
             "Rekvisition av statsbidrag för regional yrkesinriktad vuxenutbildning 2023",
             ("Ärendebeskrivning", """
Skolverket har beviljat Luleå kommun, som del av samverkansområdet Norrbotten, statsbidrag för
regionalt yrkesvux med 14,6 miljoner kronor för 2023. Bidraget motsvarar cirka 290 årsplatser.
Kommunen ska själv finansiera lika många platser. Efterfrågan är störst inom elteknik,
industriteknik och vård.
"""),
             ("Beslutsunderlag", ["Arbetsmarknadsförvaltningens tjänsteskrivelse, 2023-03-29"]),
             ("Beslut", """
Arbetsmarknadsnämnden beslutar att rekvirera statsbidrag för regional yrkesinriktad vuxenutbildning
2023 med 14,6 miljoner kronor.
"""),
             ("Beslutet skickas till", ["Ekonomienheten", "Vuxenutbildningen"])),
        item(44, "Dnr AMN 2023/0011",
             "Uppföljning av arbetsmarknadsinsatser 2022",
             ("Ärendebeskrivning", """
Under 2022 deltog 1 310 personer i kommunens arbetsmarknadsinsatser. Av dem gick 41 procent vidare
till arbete eller studier inom sex månader, vilket är en ökning från 33 procent 2021. Insatsen
Jobbspår industri, som genomförs med Arbetsförmedlingen och Bodens kommun, gav 64 anställningar hos
industriföretag och underleverantörer i de båda kommunerna.

Rekryteringsbehoven i regionen gör att fler som står långt från arbetsmarknaden nu kan få arbete.
Förvaltningen föreslår att Jobbspår industri permanentas.
"""),
             ("Beslutsunderlag", ["Uppföljningsrapport arbetsmarknadsinsatser 2022, 2023-03-15"]),
             ("Beslut", """
Arbetsmarknadsnämnden beslutar att godkänna uppföljningen av arbetsmarknadsinsatser 2022 och att ge
förvaltningen i uppdrag att permanenta Jobbspår industri från 2024.
"""),
             ("Beslutet skickas till", ["Arbetsmarknadsförvaltningen"])),
        item(45, "Dnr AMN 2022/0301",
             "Svar på medborgarförslag om kvällskurser i svenska för inflyttade",
             ("Ärendebeskrivning", """
I ett medborgarförslag föreslås att svenska för invandrare även ska erbjudas på kvällstid, så att
inflyttade som redan arbetar i industrin kan delta. Vuxenutbildningen startar kvällsgrupper och
distansundervisning i sfi från hösten 2023. Förslaget bedöms därmed vara tillgodosett.
"""),
             ("Beslutsunderlag", ["Medborgarförslag, inkommet 2022-11-14", "Arbetsmarknadsförvaltningens yttrande, 2023-03-20"]),
             ("Beslut", """
Arbetsmarknadsnämnden föreslår kommunfullmäktige besluta att bifalla medborgarförslaget.
"""),
             ("Beslutet skickas till", ["Kommunfullmäktige", "Förslagsställaren"])),
    ],
)


KS_2023_11_27 = minutes(
    municipality="Luleå kommun",
    file="pdf/lulea-ks-protokoll-2023-11-27.pdf",
    body="Kommunstyrelsen",
    date="2023-11-27",
    what="Protokoll, kommunstyrelsen i Luleå: årlig uppföljning 2023 av avsiktsförklaringen med Bodens kommun, markanvisning för bostäder, kollektivtrafik, elförsörjning",
    place_time="Stadshuset, sessionssalen, måndagen den 27 november 2023 kl. 13.00–16.30",
    beslutande=KS_LULEA,
    ovriga=[
        "Anders Lidström, kommundirektör",
        "Jonas Wikström, samhällsbyggnadsdirektör",
        "Hanna Sjöberg, samordnare för samverkan Luleå–Boden, § 201",
        "Helena Forsberg, kommunsekreterare",
    ],
    justerare="Roger Pettersson (M)",
    sekreterare="Helena Forsberg",
    ordforande="Carina Sammeli (S)",
    justering_days=3,
    keywords="protokoll, kommunstyrelsen, Luleå, uppföljning, avsiktsförklaring, Boden, bostäder",
    items=[
        item(201, AVS_DNR,
             "Årlig uppföljning 2023 av avsiktsförklaringen om samverkan mellan Luleå kommun och Bodens kommun",
             ("Ärendebeskrivning", """
Kommunstyrelsen godkände den 20 juni 2022, § 138, avsiktsförklaringen om samverkan mellan Luleå
kommun och Bodens kommun för perioden september 2022 till och med september 2026. Enligt
avsiktsförklaringen ska samverkan följas upp årligen. Detta är den första uppföljningen och avser
september 2022 till och med augusti 2023. Den gemensamma styrgruppen behandlade uppföljningen den
17 oktober 2023.

Kompetensförsörjning: Kommunerna har tecknat ett samverkansavtal om yrkesvux och ansökt om en
gemensam yrkeshögskoleutbildning för drifttekniker. En gemensam kompetensbehovsanalys visar att
arbetsmarknadsregionen behöver drygt 11 000 nya medarbetare fram till 2030.

Leva och bo: Planberedskapen för bostäder har ökat. Luleå har detaljplaner som medger cirka 2 600
bostäder och Boden cirka 1 400 bostäder. Ett gemensamt byggherremöte har hållits med 40 deltagande
bolag. Bostadsbyggandet har dock bromsats av högre räntor och byggkostnader.

Infrastruktur: Kommunerna har lämnat gemensamma yttranden om dubbelspår Luleå–Boden och om
regional transportplan. En gemensam elbehovsanalys har tagits fram med nätägarna.

Näringslivsutveckling: Ett gemensamt leverantörsprogram har startat med 55 små och medelstora
företag. Samverkan med näringslivsaktörer på landsbygden har påbörjats genom träffar i Råneå,
Harads och Gunnarsbyn.
"""),
             ("Beslutsunderlag", [
                 "Kommunledningsförvaltningens tjänsteskrivelse, 2023-11-06",
                 "Uppföljning 2023, avsiktsförklaring om samverkan Luleå–Boden, 2023-10-17",
             ]),
             ("Beslut", """
Kommunstyrelsen beslutar att godkänna uppföljningen 2023 av avsiktsförklaringen om samverkan mellan
Luleå kommun och Bodens kommun och lägga den till handlingarna.
"""),
             ("Beslutet skickas till", ["Bodens kommun", "Kommundirektören"]),
             short="Årlig uppföljning 2023 av avsiktsförklaringen om samverkan med Bodens kommun"),
        item(202, "Dnr 2023/611-2.1.4",
             "Markanvisning för bostäder i kvarteret Hägern, Skurholmen",
             ("Ärendebeskrivning", """
Detaljplanen för bostäder i kvarteret Hägern är under framtagande och beräknas antas under 2025.
För att skapa förutsättningar för en blandning av upplåtelseformer och fler aktörer som bidrar till
bostadsbyggande har kommunen genomfört en markanvisningstävling. Fem byggherrar lämnade förslag.

Bedömningsgruppen föreslår att Norrsken Bostad AB tilldelas markanvisning för cirka 110 hyresrätter
och att Kvarnbacken Bygg AB tilldelas markanvisning för cirka 70 bostadsrätter. Markpriset är
2 400 kronor per kvadratmeter ljus bruttoarea för hyresrätter och 3 100 kronor för bostadsrätter.
"""),
             ("Beslutsunderlag", [
                 "Samhällsbyggnadsförvaltningens tjänsteskrivelse, 2023-11-02",
                 "Bedömningsgruppens protokoll, 2023-10-24",
                 "Förslag till markanvisningsavtal",
             ]),
             ("Yrkanden", """
Carina Sammeli (S) yrkar bifall till förvaltningens förslag.

Henrik Åberg (M) yrkar att hela kvarteret ska markanvisas för bostadsrätter och äganderätter.
"""),
             ("Beslutsgång", """
Ordföranden ställer yrkandena mot varandra och finner att kommunstyrelsen bifaller Carina Sammelis
yrkande.
"""),
             ("Beslut", """
Kommunstyrelsen beslutar att tilldela Norrsken Bostad AB och Kvarnbacken Bygg AB markanvisning i
kvarteret Hägern enligt förslaget, samt att godkänna markanvisningsavtalen.
"""),
             ("Reservation", """
Henrik Åberg (M) och Roger Pettersson (M) reserverar sig mot beslutet till förmån för Henrik Åbergs
yrkande.
"""),
             ("Beslutet skickas till", ["Norrsken Bostad AB", "Kvarnbacken Bygg AB", "Exploateringsenheten"])),
        item(203, "Dnr 2023/540-5.3.1",
             "Yttrande över Region Norrbottens trafikförsörjningsprogram 2024–2028",
             ("Ärendebeskrivning", """
Region Norrbotten har remitterat ett förslag till regionalt trafikförsörjningsprogram. Programmet
anger mål och inriktning för den regionala kollektivtrafiken. I förslaget till yttrande framhåller
Luleå kommun att kollektivtrafikförsörjningen mellan Luleå och Boden är avgörande för den gemensamma
arbetsmarknadsregionen och att tåg- och busstrafiken behöver utökas till minst två avgångar i
timmen i rusningstid. Kommunen efterfrågar även en särskild linje till industriområdet i Svartbyn
och en översyn av taxorna så att pendling mellan kommunerna blir billigare. Yttrandet har
samordnats med Bodens kommun.
"""),
             ("Beslutsunderlag", [
                 "Kommunledningsförvaltningens tjänsteskrivelse, 2023-11-03",
                 "Förslag till yttrande, 2023-11-03",
             ]),
             ("Beslut", """
Kommunstyrelsen beslutar att anta förslaget till yttrande och översända det till Region Norrbotten.
"""),
             ("Beslutet skickas till", ["Region Norrbotten", "Bodens kommun"])),
        item(204, "Dnr 2023/588-3.6.2",
             "Uppdrag att säkra elförsörjningen till nya exploateringsområden",
             ("Ärendebeskrivning", """
Elbehovet i Luleå beräknas öka kraftigt när industrin elektrifieras och nya bostadsområden byggs.
Luleå Energi AB har aviserat att kapaciteten i flera delar av elnätet är begränsad och att nya
anslutningar kan få vänta. Förvaltningen föreslår att kommunstyrelsen ger kommundirektören i uppdrag
att tillsammans med Luleå Energi AB ta fram en plan för elförsörjning till de exploateringsområden
som pekas ut i översiktsplanen, med särskild hänsyn till bostadsbyggandet.
"""),
             ("Beslutsunderlag", ["Kommunledningsförvaltningens tjänsteskrivelse, 2023-10-30"]),
             ("Beslut", """
Kommunstyrelsen beslutar att ge kommundirektören i uppdrag att tillsammans med Luleå Energi AB ta
fram en plan för elförsörjning till nya exploateringsområden, att redovisas senast i juni 2024.
"""),
             ("Beslutet skickas till", ["Kommundirektören", "Luleå Energi AB"])),
        item(205, "Dnr 2023/214-1.5.1",
             "Svar på motion om en företagslots för små företag",
             ("Ärendebeskrivning", """
Eva Viklund (L) föreslår i en motion att kommunen inrättar en företagslots som små företag kan vända
sig till med alla frågor om tillstånd och myndighetskontakter. Förvaltningen redovisar att en
företagslots redan finns inom Luleå Business Region och att servicen utvecklas med en gemensam
digital ingång. Motionen föreslås därmed vara besvarad.
"""),
             ("Beslutsunderlag", ["Motion, inkommen 2023-03-27", "Kommunledningsförvaltningens yttrande, 2023-10-12"]),
             ("Yrkanden", """
Eva Viklund (L) yrkar bifall till motionen. Mattias Holmgren (S) yrkar att motionen ska anses
besvarad.
"""),
             ("Beslutsgång", """
Ordföranden ställer yrkandena mot varandra och finner att kommunstyrelsen bifaller Mattias Holmgrens
yrkande.
"""),
             ("Beslut", """
Kommunstyrelsen föreslår kommunfullmäktige besluta att motionen ska anses besvarad.
"""),
             ("Reservation", """
Ledamoten Eva Viklund (L) reserverar sig mot beslutet.
"""),
             ("Beslutet skickas till", ["Kommunfullmäktige"])),
    ],
)


KSAU_2025_11_18 = minutes(
    municipality="Luleå kommun",
    file="pdf/lulea-ksau-protokoll-2025-11-18.pdf",
    body="Kommunstyrelsens arbetsutskott",
    date="2025-11-18",
    what="Protokoll, kommunstyrelsens arbetsutskott i Luleå: uppföljning 2025 av avsiktsförklaringen, detaljplan för bostäder (Hägern), dubbelspår Luleå–Boden, bredband",
    place_time="Stadshuset, sammanträdesrum Rådhussalen, tisdagen den 18 november 2025 kl. 09.00–12.10",
    beslutande=[
        "Carina Sammeli (S), ordförande",
        "Mattias Holmgren (S), 1:e vice ordförande",
        "Henrik Åberg (M), 2:e vice ordförande",
        "Sofia Nyström (V)",
        "Per-Olof Hedlund (SD)",
    ],
    ovriga=[
        "Jenny Forsman (S), ersättare",
        "Anders Lidström, kommundirektör",
        "Hanna Sjöberg, samordnare för samverkan Luleå–Boden, § 180",
        "Maria Granström, ekonomidirektör, § 184",
        "Helena Forsberg, kommunsekreterare",
    ],
    justerare="Henrik Åberg (M)",
    sekreterare="Helena Forsberg",
    ordforande="Carina Sammeli (S)",
    keywords="protokoll, kommunstyrelsens arbetsutskott, Luleå, uppföljning 2025, avsiktsförklaring, bostäder, dubbelspår",
    items=[
        item(180, AVS_DNR,
             "Uppföljning 2025 av avsiktsförklaringen om samverkan mellan Luleå kommun och Bodens kommun",
             ("Ärendebeskrivning", """
Uppföljningen avser perioden september 2024 till och med augusti 2025 och är den tredje årliga
uppföljningen av avsiktsförklaringen. Den gemensamma styrgruppen behandlade den 21 oktober 2025.

Kompetensförsörjning: Den gemensamma yrkeshögskoleutbildningen för drifttekniker har 70 studerande.
Antalet platser inom yrkesvux som söks över kommungränsen har ökat till 410. Den gemensamma
rekryteringsmässan i februari 2025 hade 3 200 besökare.

Leva och bo: Under 2024 färdigställdes 612 bostäder i Luleå och 238 i Boden, vilket är lägre än
målen. Kommunerna har gemensamt mött byggherrar och finansiärer för att öka bostadsbyggandet och
har tagit fram en gemensam modell för tillfälliga bostäder.

Infrastruktur: Kommunerna har gemensamt drivit frågan om dubbelspår Luleå–Boden inför den nationella
planen 2026–2037. Kollektivtrafiken mellan orterna har utökats med en ny stomlinje för buss.

Näringslivsutveckling: Leverantörsprogrammet omfattar 120 företag, och en gemensam
landsbygdsutvecklare har anställts. Styrgruppen bedömer att samverkan fungerar väl och föreslår att
en utvärdering inför beslut om förlängning görs under våren 2026.
"""),
             ("Beslutsunderlag", [
                 "Kommunledningsförvaltningens tjänsteskrivelse, 2025-10-29",
                 "Uppföljning 2025, avsiktsförklaring om samverkan Luleå–Boden, 2025-10-21",
             ]),
             ("Beslut", """
Kommunstyrelsens arbetsutskott föreslår kommunstyrelsen besluta att godkänna uppföljningen 2025 av
avsiktsförklaringen om samverkan mellan Luleå kommun och Bodens kommun, samt att uppdra åt
kommundirektören att tillsammans med Bodens kommun utvärdera samverkan och lämna förslag om
förlängning senast i maj 2026.
"""),
             ("Beslutet skickas till", ["Kommunstyrelsen"]),
             short="Uppföljning 2025 av avsiktsförklaringen om samverkan med Bodens kommun"),
        item(181, "Dnr 2022/389-2.1.4",
             "Detaljplan för bostäder i kvarteret Hägern, Skurholmen – antagande",
             ("Ärendebeskrivning", """
Detaljplanen möjliggör cirka 180 bostäder i flerbostadshus i fyra till sex våningar samt lokaler i
bottenvåningen mot Skurholmsvägen. Planen har varit på samråd och granskning. Efter granskningen har
byggnadshöjden mot Hägervägen sänkts en våning. Stadsbyggnadsnämnden har tillstyrkt att planen
antas.
"""),
             ("Beslutsunderlag", [
                 "Stadsbyggnadsnämnden 2025-10-23, § 164",
                 "Plankarta och planbeskrivning, 2025-10-06",
                 "Granskningsutlåtande, 2025-10-03",
             ]),
             ("Beslut", """
Kommunstyrelsens arbetsutskott föreslår kommunfullmäktige besluta att anta detaljplan för bostäder i
kvarteret Hägern, Skurholmen.
"""),
             ("Beslutet skickas till", ["Kommunfullmäktige"])),
        item(182, "Dnr 2025/402-5.3.1",
             "Dialog med Trafikverket om medfinansiering av dubbelspår Luleå–Boden",
             ("Ärendebeskrivning", """
Trafikverket har på regeringens uppdrag redovisat möjliga lösningar för finansiering av dubbelspår
på sträckan Luleå–Boden, bland annat medfinansiering från kommuner och näringsliv och höjda
banavgifter. Regeringen har inte fattat beslut om utbyggnaden.

Förvaltningen föreslår att kommunstyrelsen uppdrar åt kommundirektören att tillsammans med Bodens
kommun och Region Norrbotten föra dialog med Trafikverket om förutsättningarna för medfinansiering.
Uppdraget innebär inget åtagande om kommunal finansiering; ett sådant åtagande kräver beslut i
kommunfullmäktige.
"""),
             ("Beslutsunderlag", ["Kommunledningsförvaltningens tjänsteskrivelse, 2025-11-04"]),
             ("Yrkanden", """
Carina Sammeli (S) yrkar bifall till förvaltningens förslag.

Per-Olof Hedlund (SD) yrkar avslag med motiveringen att statlig infrastruktur ska finansieras av
staten.
"""),
             ("Beslutsgång", """
Ordföranden ställer yrkandena mot varandra och finner att arbetsutskottet bifaller Carina Sammelis
yrkande.
"""),
             ("Beslut", """
Kommunstyrelsens arbetsutskott föreslår kommunstyrelsen besluta att uppdra åt kommundirektören att
tillsammans med Bodens kommun och Region Norrbotten föra dialog med Trafikverket om förutsättningarna
för medfinansiering av dubbelspår Luleå–Boden.
"""),
             ("Reservation", """
Ledamoten Per-Olof Hedlund (SD) reserverar sig mot beslutet till förmån för eget yrkande.
"""),
             ("Beslutet skickas till", ["Kommunstyrelsen"])),
        item(183, "Dnr 2025/377-3.6.4",
             "Medfinansiering av bredbandsutbyggnad i Ersnäs och Antnäs",
             ("Ärendebeskrivning", """
Två fiberföreningar på landsbygden har beviljats stöd från Post- och telestyrelsen för att ansluta
cirka 320 hushåll och 45 företag. Kommunen ombeds medfinansiera utbyggnaden med 1,2 miljoner kronor.
Bredband är en förutsättning för att företag på landsbygden ska kunna utvecklas och för att fler ska
kunna bo på landsbygden och arbeta på distans.
"""),
             ("Beslutsunderlag", ["Kommunledningsförvaltningens tjänsteskrivelse, 2025-10-31"]),
             ("Beslut", """
Kommunstyrelsens arbetsutskott beslutar att medfinansiera bredbandsutbyggnaden i Ersnäs och Antnäs
med 1,2 miljoner kronor ur anslaget för landsbygdsutveckling.
"""),
             ("Beslutet skickas till", ["Fiberföreningarna", "Ekonomiavdelningen"])),
        item(184, "Dnr 2025/051-1.2.4",
             "Ekonomisk uppföljning per oktober 2025 för kommunstyrelsen",
             ("Ärendebeskrivning", """
Kommunstyrelsen prognostiserar ett överskott på 3,6 miljoner kronor för 2025, främst till följd av
vakanser. Investeringsprognosen är 212 miljoner kronor mot en budget på 260 miljoner kronor;
avvikelsen beror på förskjutningar i exploateringsprojekt för bostäder.
"""),
             ("Beslutsunderlag", ["Ekonomisk uppföljning per oktober 2025, kommunstyrelsen"]),
             ("Beslut", """
Kommunstyrelsens arbetsutskott föreslår kommunstyrelsen besluta att godkänna den ekonomiska
uppföljningen per oktober 2025.
"""),
             ("Beslutet skickas till", ["Kommunstyrelsen"])),
    ],
)


KS_2026_05_25 = minutes(
    municipality="Luleå kommun",
    file="pdf/lulea-ks-protokoll-2026-05-25.pdf",
    body="Kommunstyrelsen",
    date="2026-05-25",
    what="Protokoll, kommunstyrelsen i Luleå: beslut om förlängning av avsiktsförklaringen med Bodens kommun, bostadsförsörjningsprogram, stomlinje Luleå–Boden, näringslivsstrategi",
    place_time="Stadshuset, sessionssalen, måndagen den 25 maj 2026 kl. 13.00–16.45",
    beslutande=KS_LULEA,
    ovriga=[
        "Anders Lidström, kommundirektör",
        "Hanna Sjöberg, samordnare för samverkan Luleå–Boden, § 95",
        "Jonas Wikström, samhällsbyggnadsdirektör, §§ 96–97",
        "Helena Forsberg, kommunsekreterare",
    ],
    justerare="Birgitta Lundkvist (C)",
    sekreterare="Helena Forsberg",
    ordforande="Carina Sammeli (S)",
    justering_days=3,
    keywords="protokoll, kommunstyrelsen, Luleå, förlängning, avsiktsförklaring, Boden, bostadsförsörjning",
    items=[
        item(95, AVS_DNR,
             "Utvärdering och förlängning av avsiktsförklaringen om samverkan mellan Luleå kommun och Bodens kommun",
             ("Ärendebeskrivning", """
Avsiktsförklaringen om samverkan mellan Luleå kommun och Bodens kommun gäller till och med september
2026. Enligt avsiktsförklaringen ska parterna senast under våren 2026 ta ställning till om den ska
förlängas. Kommunstyrelsen gav den 8 december 2025 kommundirektören i uppdrag att tillsammans med
Bodens kommun utvärdera samverkan.

Utvärderingen visar att samverkan har gett resultat inom alla fyra prioriterade områden, tydligast
inom kompetensförsörjning och infrastruktur. Inom leva och bo har gemensamma insatser för
bostadsbyggande genomförts, men bostadsbyggandet har varit lägre än behovet i båda kommunerna.
Företrädare för näringslivet efterfrågar en fortsatt gemensam etableringsprocess.

Styrgruppen föreslår att avsiktsförklaringen förlängs till och med december 2030 med samma fyra
prioriterade områden. Inom leva och bo föreslås ett gemensamt mål om minst 1 200 färdigställda
bostäder per år i de två kommunerna tillsammans. Inom infrastruktur läggs beredskap och robust
elförsörjning till.
"""),
             ("Beslutsunderlag", [
                 "Kommunledningsförvaltningens tjänsteskrivelse, 2026-05-04",
                 "Utvärdering av samverkan Luleå–Boden 2022–2026, 2026-04-21",
                 "Förslag till reviderad avsiktsförklaring 2026–2030, 2026-04-21",
                 "Kommunstyrelsens arbetsutskott 2026-05-12, § 71",
             ]),
             ("Yrkanden", """
Carina Sammeli (S), Henrik Åberg (M) och Birgitta Lundkvist (C) yrkar bifall till arbetsutskottets
förslag.

Per-Olof Hedlund (SD) yrkar att avsiktsförklaringen förlängs med två år i stället för fyra.
"""),
             ("Beslutsgång", """
Ordföranden ställer yrkandena mot varandra och finner att kommunstyrelsen bifaller arbetsutskottets
förslag.
"""),
             ("Beslut", """
Kommunstyrelsen beslutar att förlänga avsiktsförklaringen om samverkan mellan Luleå kommun och Bodens
kommun till och med december 2030 enligt förslaget till reviderad avsiktsförklaring, under
förutsättning att Bodens kommun fattar motsvarande beslut.
"""),
             ("Reservation", """
Per-Olof Hedlund (SD) och Kent Strand (SD) reserverar sig mot beslutet till förmån för Per-Olof
Hedlunds yrkande.
"""),
             ("Beslutet skickas till", ["Bodens kommun", "Kommundirektören"]),
             short="Utvärdering och förlängning av avsiktsförklaringen om samverkan med Bodens kommun"),
        item(96, "Dnr 2025/690-2.1.1",
             "Bostadsförsörjningsprogram för Luleå kommun 2026–2030",
             ("Ärendebeskrivning", """
Förslaget till bostadsförsörjningsprogram anger att Luleå behöver cirka 900 nya bostäder per år
fram till 2030 för att möta befolkningsökningen. Programmet innehåller mål för planberedskap,
markanvisningar och bostäder för grupper med särskilda behov, och en åtgärd om fler aktörer som
bidrar till bostadsbyggande. Programmet har stämts av med Bodens kommuns program.
"""),
             ("Beslutsunderlag", [
                 "Samhällsbyggnadsförvaltningens tjänsteskrivelse, 2026-04-28",
                 "Förslag till bostadsförsörjningsprogram 2026–2030",
             ]),
             ("Beslut", """
Kommunstyrelsen föreslår kommunfullmäktige besluta att anta bostadsförsörjningsprogram för Luleå
kommun 2026–2030.
"""),
             ("Beslutet skickas till", ["Kommunfullmäktige"])),
        item(97, "Dnr 2026/118-5.3.2",
             "Avtal med Region Norrbotten om utökad stomlinje för buss mellan Luleå och Boden",
             ("Ärendebeskrivning", """
Stomlinjen för buss mellan Luleå och Boden, som startade i augusti 2024, har haft fler resenärer än
beräknat. Region Norrbotten föreslår att turtätheten ökas till var femtonde minut i rusningstid och
att linjen förlängs till industriområdet i Svartbyn. Luleå kommuns andel av den ökade kostnaden är
4,1 miljoner kronor per år. Bodens kommun står för motsvarande andel.
"""),
             ("Beslutsunderlag", ["Samhällsbyggnadsförvaltningens tjänsteskrivelse, 2026-04-30", "Förslag till avtal"]),
             ("Beslut", """
Kommunstyrelsen beslutar att godkänna avtalet med Region Norrbotten om utökad stomlinje för buss
mellan Luleå och Boden från och med augusti 2026.
"""),
             ("Beslutet skickas till", ["Region Norrbotten", "Bodens kommun"])),
        item(98, "Dnr 2025/733-1.5.1",
             "Näringslivsstrategi för Luleå kommun 2026–2030",
             ("Ärendebeskrivning", """
Strategin har tagits fram med Luleå Business Region och företrädare för näringslivet. Den har fyra
fokusområden: företagsklimat, etableringar, kompetens och landsbygdens näringsliv. Målet är att
Luleå ska förbättra sin placering i Svenskt Näringslivs ranking av det lokala företagsklimatet och
att antalet företag på landsbygden ska öka. Strategin ska genomföras i samverkan med Bodens kommun
där det är relevant.
"""),
             ("Beslutsunderlag", ["Kommunledningsförvaltningens tjänsteskrivelse, 2026-04-27", "Förslag till näringslivsstrategi"]),
             ("Yrkanden", """
Henrik Åberg (M) yrkar att strategin kompletteras med ett mål om kortare handläggningstider för
bygglov och tillstånd. Carina Sammeli (S) yrkar bifall till förslaget och avslag på Henrik Åbergs
tilläggsyrkande.
"""),
             ("Beslutsgång", """
Ordföranden finner att kommunstyrelsen bifaller förslaget och avslår tilläggsyrkandet.
"""),
             ("Beslut", """
Kommunstyrelsen föreslår kommunfullmäktige besluta att anta näringslivsstrategi för Luleå kommun
2026–2030.
"""),
             ("Reservation", """
Henrik Åberg (M) och Roger Pettersson (M) reserverar sig mot beslutet att avslå tilläggsyrkandet.
"""),
             ("Beslutet skickas till", ["Kommunfullmäktige", "Luleå Business Region AB"])),
    ],
)

DOCUMENTS = [SBN_2021_11_25, AMN_2023_04_19, KS_2023_11_27, KSAU_2025_11_18, KS_2026_05_25]
