"""(d) DOCX documents (fictional): two tjänsteskrivelser and a lägesrapport."""

DOCUMENTS = [
    dict(
        kind="docx",
        file="docx/lulea-tjansteskrivelse-avsiktsforklaring-2022-05-24.docx",
        date="2022-05-24",
        municipality_label="Luleå kommun",
        what="Tjänsteskrivelse (beslutsunderlag) om förslaget till avsiktsförklaring med Bodens kommun",
        title="Tjänsteskrivelse: Avsiktsförklaring om samverkan mellan Luleå kommun och Bodens kommun",
        author="Luleå kommun",
        subject="Beslutsunderlag till kommunstyrelsens arbetsutskott 2022-06-07",
        keywords="tjänsteskrivelse, avsiktsförklaring, Bodens kommun, samverkan",
        category="Tjänsteskrivelse",
        header_left="LULEÅ KOMMUN",
        header_centre="Tjänsteskrivelse",
        header_right="2022-05-24",
        blocks=[
            ("meta", [
                ("Datum", "2022-05-24"),
                ("Diarienummer", "Dnr 2022/456-1.1.1"),
                ("Handläggare", "Hanna Sjöberg, utvecklingsstrateg, kommunledningsförvaltningen"),
                ("Mottagare", "Kommunstyrelsens arbetsutskott"),
            ]),
            ("title", "Avsiktsförklaring om samverkan mellan Luleå kommun och Bodens kommun"),
            ("h1", "Förslag till beslut"),
            ("p", "Kommunledningsförvaltningen föreslår att kommunstyrelsens arbetsutskott ställer sig bakom "
                  "förslaget till avsiktsförklaring och föreslår kommunstyrelsen besluta att godkänna "
                  "avsiktsförklaringen om samverkan mellan Luleå kommun och Bodens kommun för perioden september "
                  "2022 till och med september 2026."),
            ("h1", "Sammanfattning"),
            ("p", "Luleå kommun och Bodens kommun har tagit fram ett förslag till avsiktsförklaring om samverkan "
                  "inom fyra prioriterade områden: kompetensförsörjning, leva och bo, infrastruktur och "
                  "näringslivsutveckling. Syftet är att kommunerna tillsammans ska arbeta för en positiv "
                  "samhällsutveckling i regionen och stärka möjligheterna att nationellt driva frågor som rör "
                  "samhällsomställningen."),
            ("h1", "Bakgrund"),
            ("p", "Prognoser visar att de stora industrisatsningar som planeras inom bland annat grön industri i "
                  "Norrbotten och Västerbotten tillsammans kan skapa 100 000 nya jobb i regionen de kommande åren. "
                  "Luleå och Boden utgör en gemensam arbetsmarknadsregion. Omkring 3 500 personer pendlar "
                  "dagligen från Boden till Luleå och omkring 1 800 från Luleå till Boden."),
            ("p", "Båda kommunerna står inför samma frågor: hur bostadsbyggandet ska öka, hur arbetsgivare ska "
                  "hitta medarbetare, hur elförsörjning och transporter ska räcka till och hur små och medelstora "
                  "företag ska kunna ta del av omställningen. Kommunstyrelsens ordförande och kommundirektörer i "
                  "de båda kommunerna har under våren 2022 fört samtal om en mer strukturerad samverkan."),
            ("h1", "Ärendets beredning"),
            ("h2", "Prioriterade områden"),
            ("bullets", [
                "Kompetensförsörjning – utveckla en effektiv kompetensförsörjningsprocess och stabil "
                "kompetensförsörjning i den gemensamma arbetsmarknadsregionen.",
                "Leva och bo – gemensamma insatser för effektiv planeringsprocess, fler aktörer som bidrar till "
                "bostadsbyggande samt ett socialt hållbart vardagsliv.",
                "Infrastruktur – samordna, stötta och gemensamt driva frågor kring energi, transporter och "
                "kommunikation.",
                "Näringslivsutveckling – stöd vid stora etableringar, insatser till små och medelstora företag och "
                "samverkan med näringslivsaktörer på landsbygden.",
            ]),
            ("h2", "Organisation"),
            ("p", "Samverkan föreslås ledas av en gemensam styrgrupp med kommunstyrelsens ordförande och "
                  "kommundirektör från respektive kommun, som träffas två gånger per år. En tjänstepersonsgrupp "
                  "med en samordnare från vardera kommunen bereder ärenden till styrgruppen. Samverkan följs upp "
                  "årligen och redovisas för kommunstyrelsen."),
            ("h1", "Ekonomiska konsekvenser"),
            ("p", "Avsiktsförklaringen medför inga direkta kostnader. Samordnarens uppdrag ryms inom "
                  "kommunledningsförvaltningens budget. Gemensamma insatser som medför kostnader beslutas i "
                  "särskild ordning."),
            ("h1", "Konsekvenser för barn"),
            ("p", "Samverkan inom leva och bo syftar bland annat till ett socialt hållbart vardagsliv med god "
                  "tillgång till förskola, skola och fritid, vilket bedöms vara positivt för barn och unga i båda "
                  "kommunerna."),
            ("h1", "Beslutsunderlag"),
            ("bullets", ["Förslag till avsiktsförklaring om samverkan mellan Luleå kommun och Bodens kommun, 2022-05-20"]),
            ("lines", ["Anders Lidström", "Kommundirektör", "", "Hanna Sjöberg", "Utvecklingsstrateg"]),
        ],
    ),

    dict(
        kind="docx",
        file="docx/lagesrapport-samverkan-lulea-boden-2024-10-15.docx",
        date="2024-10-15",
        municipality_label="Luleå kommun och Bodens kommun",
        what="Lägesrapport till den gemensamma styrgruppen om samverkan Luleå–Boden, hösten 2024 (tabell per prioriterat område)",
        title="Lägesrapport samverkan Luleå–Boden, hösten 2024",
        author="Luleå kommun och Bodens kommun",
        subject="Lägesrapport till styrgruppen 2024-10-15",
        keywords="lägesrapport, samverkan, Luleå, Boden, kompetensförsörjning, bostäder, infrastruktur, näringsliv",
        category="Rapport",
        header_left="LULEÅ KOMMUN | BODENS KOMMUN",
        header_centre="Lägesrapport",
        header_right="2024-10-15",
        blocks=[
            ("title", "Lägesrapport: samverkan mellan Luleå kommun och Bodens kommun, hösten 2024"),
            ("p", "Rapporten har tagits fram av tjänstepersonsgruppen inför styrgruppens möte den 15 oktober 2024. "
                  "Den beskriver läget inom de fyra prioriterade områdena i avsiktsförklaringen och utgör underlag "
                  "till uppföljningen 2024 som redovisas för kommunstyrelserna i november."),
            ("h1", "Sammanfattande bedömning"),
            ("p", "Samverkan fungerar väl och har gett konkreta resultat inom kompetensförsörjning och "
                  "infrastruktur. Bostadsbyggandet är lägre än behovet i båda kommunerna, främst på grund av "
                  "räntor och byggkostnader. Etableringen i Svartbyn, där H2 Green Steel under året bytt namn till "
                  "Stegra, fortsätter att kräva stora resurser av Bodens kommun."),
            ("h1", "Status per prioriterat område"),
            ("table", ["Område", "Insats", "Status", "Kommentar"], [
                ["Kompetensförsörjning", "Yrkeshögskola drifttekniker", "Klar", "Start augusti 2024, 35 studerande"],
                ["Kompetensförsörjning", "Samverkansavtal yrkesvux", "Pågår", "400 platser sökta över kommungränsen"],
                ["Kompetensförsörjning", "Gemensam rekryteringsmässa", "Planerad", "Februari 2025 i Boden arena"],
                ["Leva och bo", "Byggherreforum", "Pågår", "Två träffar 2024, 38 bolag"],
                ["Leva och bo", "Vägledning tillfälliga bostäder", "Klar", "Antagen av styrgruppen i maj 2024"],
                ["Leva och bo", "Planberedskap för bostäder", "Pågår", "Luleå cirka 2 900, Boden cirka 1 700 bostäder"],
                ["Infrastruktur", "Stomlinje buss Luleå–Boden", "Klar", "Start 19 augusti 2024"],
                ["Infrastruktur", "Dubbelspår Luleå–Boden", "Pågår", "Gemensamt inspel till nationell plan"],
                ["Infrastruktur", "Elförsörjning", "Pågår", "Gemensamt yttrande till Svenska kraftnät i november"],
                ["Näringslivsutveckling", "Leverantörsprogram", "Pågår", "95 företag, varav 30 från Boden"],
                ["Näringslivsutveckling", "Landsbygdsträffar", "Pågår", "Sex träffar, bland annat Råneå och Harads"],
            ]),
            ("h1", "Kompetensförsörjning"),
            ("p", "Den gemensamma kompetensbehovsanalysen har uppdaterats. Arbetsmarknadsregionen behöver cirka "
                  "11 500 nya medarbetare fram till 2030, varav 40 procent inom industri och energi och 30 procent "
                  "inom välfärden. Rekryteringen av lärare och undersköterskor är särskilt svår i båda kommunerna."),
            ("h1", "Leva och bo"),
            ("p", "Under 2024 beräknas cirka 600 bostäder färdigställas i Luleå och cirka 240 i Boden. Målet i "
                  "Luleås bostadsförsörjningsprogram är 900 bostäder per år och i Bodens 300 per år. Kommunerna "
                  "föreslår att byggherreforumet kompletteras med samtal med banker och andra finansiärer."),
            ("h1", "Infrastruktur"),
            ("p", "Stomlinjen för buss har fått 2 100 resenärer per vardag under de första sex veckorna. "
                  "Kommunerna har tillsammans med Region Norrbotten lämnat inspel om dubbelspår Luleå–Boden. "
                  "Elförsörjningen är fortsatt en begränsande faktor för nya bostadsområden i Luleå."),
            ("h1", "Näringslivsutveckling"),
            ("p", "Leverantörsprogrammet har lett till att 22 företag har tecknat avtal med industrin eller deras "
                  "entreprenörer. Landsbygdsträffarna visar att företagen efterfrågar bredband, bättre vägar och "
                  "hjälp med rekrytering."),
            ("h1", "Förslag till styrgruppen"),
            ("numbered", [
                "Att lägesrapporten läggs till grund för uppföljningen 2024.",
                "Att tjänstepersonsgruppen får i uppdrag att ta fram en gemensam modell för dialog med finansiärer "
                "om bostadsbyggande.",
                "Att planeringen av en gemensam rekryteringsmässa 2025 fortsätter.",
            ]),
            ("lines", ["Hanna Sjöberg, samordnare, Luleå kommun", "Ida Granlund, samordnare, Bodens kommun"]),
        ],
    ),

    dict(
        kind="docx",
        file="docx/boden-tjansteskrivelse-bostadsforsorjningsprogram-2023-03-14.docx",
        date="2023-03-14",
        municipality_label="Bodens kommun",
        what="Tjänsteskrivelse: förslag till bostadsförsörjningsprogram för Bodens kommun 2023–2026",
        title="Tjänsteskrivelse: Bostadsförsörjningsprogram för Bodens kommun 2023–2026",
        author="Bodens kommun",
        subject="Beslutsunderlag till kommunstyrelsen",
        keywords="tjänsteskrivelse, bostadsförsörjningsprogram, bostäder, bostadsbyggande, detaljplaner, Boden",
        category="Tjänsteskrivelse",
        header_left="BODENS KOMMUN",
        header_centre="Samhällsbyggnadsförvaltningen",
        header_right="TJÄNSTESKRIVELSE",
        blocks=[
            ("meta", [
                ("Datum", "2023-03-14"),
                ("Diarienummer", "KS 2022/0277"),
                ("Handläggare", "Elin Wahlberg, planchef"),
                ("Till", "Kommunstyrelsen"),
            ]),
            ("title", "Bostadsförsörjningsprogram för Bodens kommun 2023–2026"),
            ("h1", "Förslag till beslut"),
            ("p", "Samhällsbyggnadsförvaltningen föreslår att kommunstyrelsen föreslår kommunfullmäktige besluta "
                  "att anta bostadsförsörjningsprogram för Bodens kommun 2023–2026."),
            ("h1", "Ärendet"),
            ("p", "Kommunstyrelsen gav den 22 augusti 2022, § 133, samhällsbyggnadsförvaltningen i uppdrag att ta "
                  "fram ett nytt bostadsförsörjningsprogram. Bakgrunden är etableringen av H2 Green Steel i "
                  "Svartbyn och den befolkningsökning den väntas medföra."),
            ("p", "Programmet bygger på en prognos om att Bodens befolkning ökar från 28 500 till cirka 33 000 "
                  "invånare fram till 2030. Det motsvarar ett behov av 3 000–4 000 nya bostäder, eller drygt 400 "
                  "bostäder per år, vilket är mer än fem gånger så många som har byggts per år det senaste "
                  "decenniet."),
            ("h2", "Mål"),
            ("bullets", [
                "Planberedskap för minst 2 000 bostäder i antagna detaljplaner senast 2025.",
                "Markanvisningar till minst fem nya byggherrar under perioden.",
                "Minst 40 procent hyresrätter i nyproduktionen.",
                "Tillfälliga bostäder för byggpersonal under etableringsfasen, utan att permanenta "
                "bostadsområden tas i anspråk.",
                "Fler anpassade bostäder för äldre, så att villor frigörs för barnfamiljer.",
            ]),
            ("h2", "Prioriterade områden för bostäder"),
            ("table", ["Område", "Antal bostäder", "Planstatus"], [
                ["Sävast, östra delen", "380", "Samråd våren 2023"],
                ["Centrum, kvarteret Gösen m.fl.", "250", "Tidig dialog med Bodens Bostäder AB"],
                ["Hedenbranten", "200", "Detaljplaneuppdrag 2023"],
                ["Svartbyn, norra", "300", "Förstudie"],
                ["Harads och Gunnarsbyn", "60", "Befintliga planer"],
            ]),
            ("h2", "Samverkan med Luleå kommun"),
            ("p", "Enligt avsiktsförklaringen om samverkan ska kommunerna samverka kring en effektiv "
                  "planeringsprocess och fler aktörer som bidrar till bostadsbyggande. Programmet har stämts av "
                  "med Luleå kommun, och kommunerna planerar ett gemensamt byggherreforum under hösten 2023."),
            ("h1", "Ekonomiska konsekvenser"),
            ("p", "Programmet kräver ökade resurser för planarbete och exploatering. Förvaltningen bedömer att två "
                  "planarkitekter och en exploateringsingenjör behöver anställas, till en kostnad av cirka 2,5 "
                  "miljoner kronor per år, som delvis kan finansieras med planavgifter och markförsäljning."),
            ("lines", ["Magnus Nyberg", "Samhällsbyggnadschef", "", "Elin Wahlberg", "Planchef"]),
        ],
    ),
]
