"""(c) The three meetings that handle the avsiktsförklaring in 2022 (fictional minutes)."""
from ._common import item, minutes

AVS_DNR_LULEA = "Dnr 2022/456-1.1.1"
AVS_DNR_BODEN = "Dnr KS 2022/0318"

LULEA_KSAU_2022_06_07 = minutes(
    municipality="Luleå kommun",
    file="pdf/lulea-ksau-protokoll-2022-06-07.pdf",
    body="Kommunstyrelsens arbetsutskott",
    date="2022-06-07",
    what="Protokoll, kommunstyrelsens arbetsutskott i Luleå; § 112 ställer sig bakom förslaget till avsiktsförklaring med Bodens kommun",
    place_time="Stadshuset, sammanträdesrum Rådhussalen, tisdagen den 7 juni 2022 kl. 09.00–11.40",
    beslutande=[
        "Carina Sammeli (S), ordförande",
        "Mattias Holmgren (S), 1:e vice ordförande",
        "Henrik Åberg (M), 2:e vice ordförande",
        "Sofia Nyström (V)",
        "Birgitta Lundkvist (C)",
    ],
    ovriga=[
        "Jenny Forsman (S), ersättare",
        "Roger Pettersson (M), ersättare",
        "Anders Lidström, kommundirektör",
        "Maria Granström, ekonomidirektör, § 114",
        "Jonas Wikström, samhällsbyggnadsdirektör, §§ 112–113",
        "Helena Forsberg, kommunsekreterare",
    ],
    justerare="Henrik Åberg (M)",
    sekreterare="Helena Forsberg",
    ordforande="Carina Sammeli (S)",
    keywords="protokoll, kommunstyrelsens arbetsutskott, Luleå, avsiktsförklaring, Bodens kommun",
    items=[
        item(112, AVS_DNR_LULEA,
             "Avsiktsförklaring om samverkan mellan Luleå kommun och Bodens kommun",
             ("Ärendebeskrivning", """
Luleå, Boden och hela den norra regionen står inför en omfattande samhällsomställning. Prognoser visar
att de industrisatsningar som planeras inom bland annat grön industri i Norrbotten och Västerbotten
tillsammans kan skapa 100 000 nya jobb i regionen de kommande åren.

Luleå kommun och Bodens kommun har mot den bakgrunden tagit fram ett förslag till avsiktsförklaring
om samverkan. Förslaget omfattar fyra prioriterade områden: kompetensförsörjning, leva och bo,
infrastruktur och näringslivsutveckling. Avsiktsförklaringen föreslås gälla från september 2022 till
och med september 2026.

Inom kompetensförsörjning ska kommunerna gemensamt utveckla en effektiv kompetens^försörjningsprocess och en
stabil kompetensförsörjning i den gemensamma arbetsmarknadsregionen. Inom leva och bo ska
kommunerna samverka kring en effektiv planeringsprocess, fler aktörer som bidrar till
bostadsbyggande och ett socialt hållbart vardagsliv. Inom infrastruktur ska kommunerna samordna,
stötta och gemensamt driva frågor kring energi, transporter och kommunikation. Inom
näringslivsutveckling ska kommunerna stödja varandra vid stora etableringar, genomföra insatser för
små och medelstora företag och gemensamt utveckla samverkan med näringslivsaktörer på landsbygden.

Samverkan föreslås ledas av en gemensam styrgrupp med kommunstyrelsens ordförande och kommundirektör
från respektive kommun. Styrgruppen ska sammanträda två gånger per år. Avsiktsförklaringen innebär
inga nya kostnader; insatser finansieras inom befintliga ramar eller genom särskilda beslut.

Det slutgiltiga beslutet om avsiktsförklaringen fattas av kommunstyrelsen. Motsvarande beslut ska
fattas av kommunstyrelsen i Bodens kommun.
"""),
             ("Beslutsunderlag", [
                 "Kommunledningsförvaltningens tjänsteskrivelse, 2022-05-24",
                 "Förslag till avsiktsförklaring om samverkan mellan Luleå kommun och Bodens kommun, 2022-05-20",
             ]),
             ("Yrkanden", """
Carina Sammeli (S), Henrik Åberg (M) och Birgitta Lundkvist (C) yrkar bifall till förvaltningens
förslag.
"""),
             ("Beslut", """
Kommunstyrelsens arbetsutskott ställer sig bakom förslaget till avsiktsförklaring om samverkan mellan
Luleå kommun och Bodens kommun och föreslår kommunstyrelsen besluta att godkänna avsiktsförklaringen
för perioden september 2022 till och med september 2026.
"""),
             ("Beslutet skickas till", ["Kommunstyrelsen"]),
             short="Avsiktsförklaring om samverkan mellan Luleå kommun och Bodens kommun"),
        item(113, "Dnr 2022/389-2.1.4",
             "Planuppdrag för detaljplan för bostäder i kvarteret Hägern, Skurholmen",
             ("Ärendebeskrivning", """
Kommunen äger fastigheten Hägern 3 på Skurholmen. Området används i dag som grusad parkering och
upplag. I gällande översiktsplan pekas Skurholmen ut som ett område för förtätning med bostäder
nära service och kollektivtrafik.

Samhällsbyggnadsförvaltningen bedömer att kvarteret kan rymma cirka 180 bostäder i flerbostadshus
om fyra till sex våningar, med möjlighet till lokaler i bottenvåningen mot Skurholmsvägen. Behovet
av bostäder är stort; bostadskön hos de allmännyttiga och privata värdarna har ökat med 35 procent
sedan 2020 och bostadsbyggandet behöver öka för att möta inflyttningen till regionen.

Ett detaljplaneuppdrag innebär att planarbetet kan starta under hösten 2022 med samråd under 2023.
Planarbetet bekostas genom planavgift i samband med bygglov.
"""),
             ("Beslutsunderlag", [
                 "Samhällsbyggnadsförvaltningens tjänsteskrivelse, 2022-05-16",
                 "Översiktskarta, kvarteret Hägern",
             ]),
             ("Beslut", """
Kommunstyrelsens arbetsutskott föreslår kommunstyrelsen besluta att ge stadsbyggnadsnämnden i
uppdrag att upprätta detaljplan för bostäder i kvarteret Hägern, Skurholmen.
"""),
             ("Beslutet skickas till", ["Kommunstyrelsen", "Stadsbyggnadsnämnden"])),
        item(114, "Dnr 2022/077-1.2.4",
             "Ekonomisk uppföljning per april 2022 för kommunstyrelsen",
             ("Ärendebeskrivning", """
Kommunstyrelsens verksamheter redovisar per den 30 april 2022 en prognos för helåret som innebär
ett underskott mot budget på 4,2 miljoner kronor. Underskottet beror främst på ökade kostnader för
energi och drivmedel, 2,8 miljoner kronor, samt på högre kostnader för it-licenser än budgeterat.

Investeringsbudgeten beräknas hålla. Förvaltningen föreslår att underskottet hanteras genom
återhållsamhet med vakanstillsättningar och konsultköp under resten av året.
"""),
             ("Beslutsunderlag", [
                 "Kommunledningsförvaltningens tjänsteskrivelse, 2022-05-23",
                 "Ekonomisk uppföljning per april 2022, kommunstyrelsen",
             ]),
             ("Yrkanden", """
Henrik Åberg (M) yrkar att kommunstyrelsen även ska uppdra åt kommundirektören att redovisa en
åtgärdsplan för att nå budget i balans senast i augusti.

Carina Sammeli (S) yrkar bifall till förvaltningens förslag och avslag på Henrik Åbergs
tilläggsyrkande.
"""),
             ("Beslutsgång", """
Ordföranden ställer förvaltningens förslag mot Henrik Åbergs tilläggsyrkande och finner att
arbetsutskottet bifaller förvaltningens förslag.
"""),
             ("Beslut", """
Kommunstyrelsens arbetsutskott föreslår kommunstyrelsen besluta att godkänna den ekonomiska
uppföljningen per april 2022.
"""),
             ("Reservation", """
Ledamoten Henrik Åberg (M) reserverar sig mot beslutet till förmån för eget yrkande.
"""),
             ("Beslutet skickas till", ["Kommunstyrelsen", "Ekonomiavdelningen"])),
        item(115, "Dnr 2021/1120-3.4.2",
             "Svar på medborgarförslag om fler cykelparkeringar vid Luleå centralstation",
             ("Ärendebeskrivning", """
I ett medborgarförslag föreslås att kommunen bygger minst 200 nya väderskyddade cykelparkeringar vid
Luleå centralstation, så att det blir enklare att kombinera cykel med tåg och buss, bland annat för
den som pendlar till Boden.

Tekniska förvaltningen anger i sitt yttrande att 60 nya platser under tak byggs under 2022 inom
ramen för projektet Hållbart resande. Fler platser prövas i den pågående utredningen av ett nytt
resecentrum. Förvaltningen föreslår att medborgarförslaget ska anses besvarat.
"""),
             ("Beslutsunderlag", [
                 "Medborgarförslag, inkommet 2021-11-03",
                 "Tekniska förvaltningens yttrande, 2022-04-28",
             ]),
             ("Yrkanden", """
Sofia Nyström (V) yrkar bifall till medborgarförslaget.

Mattias Holmgren (S) yrkar att medborgarförslaget ska anses besvarat.
"""),
             ("Beslutsgång", """
Ordföranden ställer yrkandena mot varandra och finner att arbetsutskottet bifaller Mattias
Holmgrens yrkande.
"""),
             ("Beslut", """
Kommunstyrelsens arbetsutskott föreslår kommunfullmäktige besluta att medborgarförslaget ska anses
besvarat.
"""),
             ("Reservation", """
Ledamoten Sofia Nyström (V) reserverar sig mot beslutet till förmån för eget yrkande.
"""),
             ("Beslutet skickas till", ["Kommunfullmäktige", "Tekniska förvaltningen", "Förslagsställaren"])),
        item(116, "Dnr 2022/402-1.1.3",
             "Medfinansiering av förstudie om ny vätgasinfrastruktur i Luleå hamn",
             ("Ärendebeskrivning", """
Luleå Hamn AB har tillsammans med Luleå tekniska universitet och flera industriföretag ansökt om
medel från Energimyndigheten för en förstudie om lagring och hantering av vätgas i hamnområdet.
Kommunen ombeds medfinansiera förstudien med 350 000 kronor under 2022–2023.

Förstudien bedöms ha betydelse för näringslivsutvecklingen och för kommande etableringar inom grön
industri. Medfinansieringen ryms inom kommunstyrelsens anslag för näringslivsutveckling.
"""),
             ("Beslutsunderlag", [
                 "Kommunledningsförvaltningens tjänsteskrivelse, 2022-05-25",
                 "Projektbeskrivning från Luleå Hamn AB, 2022-05-10",
             ]),
             ("Beslut", """
Kommunstyrelsens arbetsutskott beslutar att medfinansiera förstudien med 350 000 kronor under
2022–2023, att belasta kommunstyrelsens anslag för näringslivsutveckling.
"""),
             ("Beslutet skickas till", ["Luleå Hamn AB", "Ekonomiavdelningen"])),
    ],
)


LULEA_KS_2022_06_20 = minutes(
    municipality="Luleå kommun",
    file="pdf/lulea-ks-protokoll-2022-06-20.pdf",
    body="Kommunstyrelsen",
    date="2022-06-20",
    what="Protokoll, kommunstyrelsen i Luleå; § 138 godkänner avsiktsförklaringen med Bodens kommun",
    place_time="Stadshuset, sessionssalen, måndagen den 20 juni 2022 kl. 13.00–16.10",
    beslutande=[
        "Carina Sammeli (S), ordförande",
        "Mattias Holmgren (S), 1:e vice ordförande",
        "Henrik Åberg (M), 2:e vice ordförande",
        "Annelie Sundqvist (S)",
        "Linus Eriksson (S)",
        "Marie Bäckström (S)",
        "Jenny Forsman (S), tjänstgörande ersättare",
        "Sofia Nyström (V)",
        "Birgitta Lundkvist (C)",
        "Roger Pettersson (M)",
        "Eva Viklund (L)",
        "Per-Olof Hedlund (SD)",
        "Kent Strand (SD)",
    ],
    ovriga=[
        "Anders Lidström, kommundirektör",
        "Jonas Wikström, samhällsbyggnadsdirektör",
        "Maria Granström, ekonomidirektör",
        "Helena Forsberg, kommunsekreterare",
    ],
    justerare="Henrik Åberg (M)",
    sekreterare="Helena Forsberg",
    ordforande="Carina Sammeli (S)",
    justering_days=3,
    keywords="protokoll, kommunstyrelsen, Luleå, avsiktsförklaring, Bodens kommun, godkänna",
    items=[
        item(138, AVS_DNR_LULEA,
             "Avsiktsförklaring om samverkan mellan Luleå kommun och Bodens kommun",
             ("Ärendebeskrivning", """
Luleå kommun och Bodens kommun har tagit fram ett förslag till avsiktsförklaring om samverkan för
att tillsammans arbeta för en positiv samhällsutveckling i regionen. Bakgrunden är den
samhällsomställning som de stora industrisatsningarna i Norrbotten och Västerbotten innebär.
Prognoser visar att satsningarna tillsammans kan skapa 100 000 nya jobb i regionen de kommande
åren.

Avsiktsförklaringen omfattar fyra prioriterade områden: kompetensförsörjning, leva och bo,
infrastruktur och näringslivsutveckling. Den ska gälla från september 2022 till och med september
2026. En gemensam styrgrupp med kommunstyrelsens ordförande och kommundirektör från respektive
kommun ska leda arbetet och sammanträda två gånger per år. Samverkan ska följas upp årligen och
redovisas för kommunstyrelsen.

Kommunstyrelsens arbetsutskott ställde sig bakom förslaget den 7 juni 2022, § 112. Bodens kommun
behandlar ärendet i kommunstyrelsen i augusti 2022.
"""),
             ("Beslutsunderlag", [
                 "Kommunstyrelsens arbetsutskott 2022-06-07, § 112",
                 "Kommunledningsförvaltningens tjänsteskrivelse, 2022-05-24",
                 "Förslag till avsiktsförklaring om samverkan mellan Luleå kommun och Bodens kommun, 2022-05-20",
             ]),
             ("Yrkanden", """
Carina Sammeli (S) yrkar bifall till arbetsutskottets förslag.

Henrik Åberg (M) yrkar bifall till arbetsutskottets förslag med tillägget att kommunstyrelsen
uppdrar åt kommundirektören att ta fram mätbara mål för varje prioriterat område före den första
uppföljningen.
"""),
             ("Beslutsgång", """
Ordföranden ställer först arbetsutskottets förslag under proposition och finner att
kommunstyrelsen bifaller det. Därefter ställer ordföranden Henrik Åbergs tilläggsyrkande under
proposition och finner att kommunstyrelsen avslår det.
"""),
             ("Beslut", """
Kommunstyrelsen beslutar att godkänna avsiktsförklaring om samverkan mellan Luleå kommun och Bodens
kommun för perioden september 2022 till och med september 2026, samt att uppdra åt kommundirektören
att utse kommunens samordnare för samverkan.
"""),
             ("Reservation", """
Henrik Åberg (M) och Roger Pettersson (M) reserverar sig mot beslutet att avslå tilläggsyrkandet.
"""),
             ("Beslutet skickas till", ["Bodens kommun", "Kommundirektören", "Samhällsbyggnadsförvaltningen",
                                        "Arbetsmarknadsförvaltningen"]),
             short="Avsiktsförklaring om samverkan mellan Luleå kommun och Bodens kommun"),
        item(139, "Dnr 2022/389-2.1.4",
             "Planuppdrag för detaljplan för bostäder i kvarteret Hägern, Skurholmen",
             ("Ärendebeskrivning", """
Kommunen äger fastigheten Hägern 3 på Skurholmen. Samhällsbyggnadsförvaltningen bedömer att
kvarteret kan rymma cirka 180 bostäder i flerbostadshus. Planuppdraget är en del av arbetet med att
öka planberedskapen för bostäder i centrala Luleå, i linje med bostadsförsörjningsprogrammet och
med avsiktsförklaringen med Bodens kommun om fler aktörer som bidrar till bostadsbyggande.
"""),
             ("Beslutsunderlag", [
                 "Kommunstyrelsens arbetsutskott 2022-06-07, § 113",
                 "Samhällsbyggnadsförvaltningens tjänsteskrivelse, 2022-05-16",
             ]),
             ("Beslut", """
Kommunstyrelsen beslutar att ge stadsbyggnadsnämnden i uppdrag att upprätta detaljplan för
bostäder i kvarteret Hägern, Skurholmen.
"""),
             ("Beslutet skickas till", ["Stadsbyggnadsnämnden", "Samhällsbyggnadsförvaltningen"])),
        item(140, "Dnr 2022/077-1.2.4",
             "Ekonomisk uppföljning per april 2022 för kommunstyrelsen",
             ("Ärendebeskrivning", """
Kommunstyrelsens verksamheter redovisar en prognos för helåret som innebär ett underskott mot budget
på 4,2 miljoner kronor, främst på grund av högre kostnader för energi och drivmedel. Underskottet
ska hanteras genom återhållsamhet med vakanstillsättningar och konsultköp.
"""),
             ("Beslutsunderlag", [
                 "Kommunstyrelsens arbetsutskott 2022-06-07, § 114",
                 "Ekonomisk uppföljning per april 2022, kommunstyrelsen",
             ]),
             ("Beslut", """
Kommunstyrelsen beslutar att godkänna den ekonomiska uppföljningen per april 2022.
"""),
             ("Protokollsanteckning", """
Henrik Åberg (M) och Roger Pettersson (M) lämnar en protokollsanteckning: Vi förutsätter att en
åtgärdsplan för budget i balans redovisas för kommunstyrelsen i augusti.
"""),
             ("Beslutet skickas till", ["Ekonomiavdelningen"])),
        item(141, "Dnr 2021/1120-3.4.2",
             "Svar på medborgarförslag om fler cykelparkeringar vid Luleå centralstation",
             ("Ärendebeskrivning", """
I ett medborgarförslag föreslås minst 200 nya väderskyddade cykelparkeringar vid Luleå
centralstation. Under 2022 byggs 60 nya platser under tak, och fler platser prövas i utredningen av
ett nytt resecentrum.
"""),
             ("Beslutsunderlag", [
                 "Kommunstyrelsens arbetsutskott 2022-06-07, § 115",
                 "Tekniska förvaltningens yttrande, 2022-04-28",
             ]),
             ("Beslut", """
Kommunstyrelsen föreslår kommunfullmäktige besluta att medborgarförslaget ska anses besvarat.
"""),
             ("Reservation", """
Ledamoten Sofia Nyström (V) reserverar sig mot beslutet.
"""),
             ("Beslutet skickas till", ["Kommunfullmäktige"])),
        item(142, "Dnr 2022/311-5.3.1",
             "Yttrande över Trafikverkets åtgärdsvalsstudie för järnvägen Luleå–Boden",
             ("Ärendebeskrivning", """
Trafikverket har remitterat en åtgärdsvalsstudie för järnvägssträckan Luleå–Boden. Studien
konstaterar att kapaciteten på den enkelspåriga sträckan inte räcker för de ökade godsflödena från
de nya industrierna och för en utbyggd regional persontrafik. Som tänkbar åtgärd pekas dubbelspår
mellan Luleå och Boden ut, i kombination med fler mötesspår på kort sikt.

I förslaget till yttrande framhåller kommunen att dubbelspår Luleå–Boden behöver prioriteras i nästa
nationella plan för transportinfrastruktur, att persontrafiken mellan orterna bör få minst
halvtimmestrafik i rusningstid och att planeringen behöver samordnas med Norrbotniabanan. Yttrandet
har tagits fram i samråd med Bodens kommun.
"""),
             ("Beslutsunderlag", [
                 "Kommunledningsförvaltningens tjänsteskrivelse, 2022-06-01",
                 "Förslag till yttrande, 2022-06-01",
                 "Trafikverkets åtgärdsvalsstudie, remissversion, 2022-04-11",
             ]),
             ("Beslut", """
Kommunstyrelsen beslutar att anta förslaget till yttrande och översända det till Trafikverket som
Luleå kommuns svar.
"""),
             ("Beslutet skickas till", ["Trafikverket", "Bodens kommun"])),
    ],
)


BODEN_KS_2022_08_22 = minutes(
    municipality="Bodens kommun",
    file="pdf/boden-ks-protokoll-2022-08-22.pdf",
    body="Kommunstyrelsen",
    date="2022-08-22",
    what="Protokoll, kommunstyrelsen i Boden; § 131 godkänner avsiktsförklaringen med Luleå kommun",
    place_time="Stadshuset, Kyrkgatan 24, sammanträdesrum Kronan, måndagen den 22 augusti 2022 kl. 13.00–15.30",
    beslutande=[
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
    ],
    ovriga=[
        "Åsa Lindström, kommundirektör",
        "Johanna Sjölund, näringslivschef, §§ 131–132",
        "Magnus Nyberg, samhällsbyggnadschef, § 133",
        "Karin Öhman, ekonomichef, § 134",
        "Erik Brännström, kommunsekreterare",
    ],
    justerare="Tomas Kero (M)",
    sekreterare="Erik Brännström",
    ordforande="Claes Nordmark (S)",
    justering_days=2,
    keywords="protokoll, kommunstyrelsen, Boden, avsiktsförklaring, Luleå kommun, godkänna",
    items=[
        item(131, AVS_DNR_BODEN,
             "Avsiktsförklaring om samverkan mellan Bodens kommun och Luleå kommun",
             ("Sammanfattning av ärendet", """
Bodens kommun och Luleå kommun har gemensamt tagit fram ett förslag till avsiktsförklaring om
samverkan. Syftet är att kommunerna tillsammans ska arbeta för en positiv samhällsutveckling i
regionen när de stora industrisatsningarna inom grön industri i Norrbotten och Västerbotten
genomförs. Prognoser visar att satsningarna kan skapa 100 000 nya jobb i regionen.

För Boden, där H2 Green Steel bygger en fossilfri stålproduktion i Svartbyn, innebär etableringen
ett behov av inflyttning av både människor och företag av ett slag som kommunen aldrig tidigare
har varit med om. En nära samverkan med Luleå ger bättre förutsättningar att klara
bostadsförsörjningen, kompetensförsörjningen och den kommunala servicen.

Avsiktsförklaringen omfattar fyra prioriterade områden: kompetensförsörjning, leva och bo,
infrastruktur och näringslivsutveckling. Den ska gälla från september 2022 till och med september
2026. Arbetet leds av en gemensam styrgrupp med kommunstyrelsens ordförande och kommundirektör från
båda kommunerna, som ska sammanträda två gånger per år.

Avsiktsförklaringen är inte juridiskt bindande och medför inga direkta kostnader. Bodens kommuns
samordnare ryms inom kommunledningskontorets budget. Gemensamma insatser som kräver särskilda medel,
till exempel gemensamma utbildningssatsningar eller gemensamma utredningar om kollektivtrafik och
elförsörjning, beslutas i särskild ordning av respektive kommuns behöriga organ.

Kommunstyrelsen i Luleå godkände avsiktsförklaringen den 20 juni 2022, § 138. Kommunstyrelsens
arbetsutskott i Boden föreslog den 9 augusti 2022 att kommunstyrelsen godkänner
avsiktsförklaringen.
"""),
             ("Beslutsunderlag", [
                 "Kommunstyrelsens arbetsutskott 2022-08-09, § 98",
                 "Kommunledningskontorets tjänsteskrivelse, 2022-06-28",
                 "Förslag till avsiktsförklaring om samverkan mellan Luleå kommun och Bodens kommun",
                 "Protokollsutdrag, kommunstyrelsen i Luleå kommun 2022-06-20, § 138",
             ]),
             ("Yrkanden", """
Claes Nordmark (S), Tomas Kero (M) och Eva Marklund (C) yrkar bifall till arbetsutskottets förslag.
"""),
             ("Beslut", """
Kommunstyrelsen beslutar att godkänna avsiktsförklaringen om samverkan mellan Bodens kommun och Luleå
kommun för perioden september 2022 till och med september 2026.

Kommunstyrelsen uppdrar åt kommundirektören att utse Bodens kommuns samordnare och ledamöter i den
gemensamma tjänstepersonsgruppen.
"""),
             ("Beslutet skickas till", ["Luleå kommun", "Kommundirektören", "Samhällsbyggnadsförvaltningen",
                                        "Utbildningsförvaltningen"]),
             short="Avsiktsförklaring om samverkan mellan Bodens kommun och Luleå kommun"),
        item(132, "Dnr KS 2022/0201",
             "Förstärkt etableringsstöd med anledning av H2 Green Steels etablering i Svartbyn",
             ("Sammanfattning av ärendet", """
H2 Green Steel AB bygger en anläggning för fossilfri stålproduktion i Svartbyn med planerad
produktionsstart 2025. Etableringen innebär ett stort antal samtidiga frågor för kommunen om mark,
vatten och avlopp, vägar, bygglov, bostäder och rekrytering.

Kommunledningskontoret föreslår att en särskild etableringsgrupp inrättas under perioden
2022–2024 med en etableringssamordnare, en planarkitekt och en projektledare för
kompetensförsörjning. Kostnaden beräknas till 2,5 miljoner kronor per år och föreslås finansieras
ur kommunstyrelsens utvecklingsreserv.
"""),
             ("Beslutsunderlag", [
                 "Kommunledningskontorets tjänsteskrivelse, 2022-08-02",
                 "Kommunstyrelsens arbetsutskott 2022-08-09, § 99",
             ]),
             ("Yrkanden", """
Claes Nordmark (S) yrkar bifall till arbetsutskottets förslag.

Tomas Kero (M) yrkar att etableringsgruppen ska finansieras inom kommunstyrelsens befintliga ram.
"""),
             ("Beslutsgång", """
Ordföranden ställer yrkandena mot varandra och finner att kommunstyrelsen bifaller arbetsutskottets
förslag.
"""),
             ("Beslut", """
Kommunstyrelsen beslutar att inrätta en etableringsgrupp under perioden 2022–2024, samt att
finansiera etableringsgruppen med 2,5 miljoner kronor per år ur kommunstyrelsens utvecklingsreserv.
"""),
             ("Reservation", """
Tomas Kero (M) och Maria Lindbäck (KD) reserverar sig mot beslutet till förmån för Tomas Keros
yrkande.
"""),
             ("Beslutet skickas till", ["Kommundirektören", "Ekonomikontoret", "Näringslivskontoret"])),
        item(133, "Dnr KS 2022/0277",
             "Uppdrag att ta fram nytt bostadsförsörjningsprogram för Bodens kommun",
             ("Sammanfattning av ärendet", """
Enligt lagen om kommunernas bostadsförsörjningsansvar ska kommunen varje mandatperiod anta
riktlinjer för bostadsförsörjningen. Gällande program antogs 2019 och utgår från en befolkning som
i stort sett är oförändrad. Med etableringen i Svartbyn beräknas Boden behöva 3 000–4 000 nya
bostäder fram till 2030.

Samhällsbyggnadsförvaltningen föreslås få i uppdrag att ta fram ett nytt bostadsförsörjningsprogram
som omfattar planberedskap för bostäder, markanvisningar, tillfälliga bostäder under byggtiden och
behovet av bostäder för äldre och unga. Arbetet ska samordnas med Luleå kommun enligt
avsiktsförklaringen.
"""),
             ("Beslutsunderlag", [
                 "Samhällsbyggnadsförvaltningens tjänsteskrivelse, 2022-07-05",
             ]),
             ("Beslut", """
Kommunstyrelsen beslutar att ge samhällsbyggnadsförvaltningen i uppdrag att ta fram förslag till
nytt bostadsförsörjningsprogram för Bodens kommun, att redovisas senast i mars 2023.
"""),
             ("Beslutet skickas till", ["Samhällsbyggnadsförvaltningen", "Bodens Bostäder AB"])),
        item(134, "Dnr KS 2022/0040",
             "Delårsrapport för Bodens kommun per den 30 juni 2022",
             ("Sammanfattning av ärendet", """
Delårsrapporten visar ett resultat för perioden på 61,3 miljoner kronor. Prognosen för helåret är ett
överskott på 38 miljoner kronor, vilket är 12 miljoner kronor bättre än budget. Förbättringen beror
främst på högre skatteintäkter. Nämnderna prognostiserar sammantaget ett underskott på 9,5 miljoner
kronor, varav socialnämnden står för 7,1 miljoner kronor.
"""),
             ("Beslutsunderlag", [
                 "Ekonomikontorets tjänsteskrivelse, 2022-08-12",
                 "Delårsrapport januari–juni 2022",
             ]),
             ("Beslut", """
Kommunstyrelsen föreslår kommunfullmäktige besluta att godkänna delårsrapporten per den 30 juni
2022.
"""),
             ("Beslutet skickas till", ["Kommunfullmäktige", "Revisorerna"])),
        item(135, "Dnr KS 2021/0512",
             "Svar på motion om avgiftsfri kollektivtrafik för pensionärer",
             ("Sammanfattning av ärendet", """
Lars Hedman (SD) föreslår i en motion att pensionärer som är folkbokförda i Boden ska få åka
avgiftsfritt med kollektivtrafiken inom kommunen. Kostnaden beräknas av Länstrafiken i Norrbotten
till 1,9 miljoner kronor per år. Kommunledningskontoret föreslår att motionen avslås med hänvisning
till det ekonomiska läget och till den pågående översynen av kollektivtrafiken mellan Boden och
Luleå.
"""),
             ("Beslutsunderlag", [
                 "Motion, inkommen 2021-10-18",
                 "Kommunledningskontorets tjänsteskrivelse, 2022-06-20",
             ]),
             ("Yrkanden", """
Lars Hedman (SD) yrkar bifall till motionen. Claes Nordmark (S) yrkar avslag på motionen.
"""),
             ("Beslutsgång", """
Ordföranden ställer yrkandena mot varandra och finner att kommunstyrelsen bifaller Claes Nordmarks
yrkande.
"""),
             ("Beslut", """
Kommunstyrelsen föreslår kommunfullmäktige besluta att avslå motionen.
"""),
             ("Reservation", """
Ledamoten Lars Hedman (SD) reserverar sig mot beslutet.
"""),
             ("Beslutet skickas till", ["Kommunfullmäktige"])),
    ],
)

DOCUMENTS = [LULEA_KSAU_2022_06_07, LULEA_KS_2022_06_20, BODEN_KS_2022_08_22]
