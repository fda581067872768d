"""(d) Plain-text and Markdown notes (fictional)."""

STYRGRUPP_2023 = """\
MINNESANTECKNINGAR
Styrgruppen för samverkan Luleå–Boden

Datum: 2023-02-14, kl. 13.00–15.30
Plats: Stadshuset i Boden, sammanträdesrum Kronan

Närvarande:
Carina Sammeli (S), kommunstyrelsens ordförande, Luleå kommun
Claes Nordmark (S), kommunstyrelsens ordförande, Bodens kommun (ordförande för mötet)
Anders Lidström, kommundirektör, Luleå kommun
Åsa Lindström, kommundirektör, Bodens kommun
Hanna Sjöberg, samordnare, Luleå kommun
Ida Granlund, samordnare, Bodens kommun (antecknar)


1. Mötets öppnande
Claes Nordmark hälsade välkommen. Ordförandeskapet i styrgruppen innehas av Bodens kommun under 2023.

2. Kompetensförsörjning
Samordnarna redovisade den gemensamma kompetensbehovsanalysen. Arbetsmarknadsregionen behöver drygt
11 000 nya medarbetare fram till 2030. Bristen är störst på elektriker, drifttekniker, lärare och
undersköterskor.
Arbetsmarknadsförvaltningen i Luleå och utbildningsförvaltningen i Boden har tagit fram ett förslag
till samverkansavtal om yrkesvux. Avtalet behandlas av arbetsmarknadsnämnden i Luleå i april.
Styrgruppen ställde sig bakom att kommunerna gemensamt söker en yrkeshögskoleutbildning för
drifttekniker.

3. Leva och bo
Bodens förslag till bostadsförsörjningsprogram skickas till kommunstyrelsen i mars. Luleå redovisade
att detaljplaner för cirka 2 600 bostäder är antagna men att flera byggherrar har pausat projekt på
grund av räntorna.
Beslut: Ett gemensamt byggherreforum hålls i Luleå under hösten 2023. Samordnarna ansvarar.
Frågan om tillfälliga bostäder för byggpersonal i Svartbyn diskuterades. Boden tar fram en
vägledning som även Luleå kan använda.

4. Infrastruktur
Kommunerna är överens om att driva dubbelspår Luleå–Boden gemensamt och att lyfta behovet av fler
turer i kollektivtrafiken mellan orterna inför Region Norrbottens trafikförsörjningsprogram.
Elförsörjning: Luleå Energi och Bodens Energi bjuds in till nästa möte för att redovisa
kapacitetsläget.

5. Näringslivsutveckling
Förslag om ett gemensamt leverantörsprogram för små och medelstora företag presenterades. Kostnad
cirka 3,2 miljoner kronor under 2024–2025, varav Region Norrbotten kan bidra med en del.
Landsbygdsträffar planeras i Råneå, Harads och Gunnarsbyn.

6. Uppföljning
Den första årliga uppföljningen avser september 2022–augusti 2023 och behandlas på styrgruppens
höstmöte den 17 oktober 2023.

7. Nästa möte
2023-10-17 i Luleå.

Vid anteckningarna
Ida Granlund
"""


INFRA_2025 = """\
# Sammanställning: gemensamma infrastrukturfrågor Luleå–Boden

*Arbetsmaterial från tjänstepersonsgruppen för samverkan Luleå–Boden, 2025-01-28. Underlag inför
styrgruppens vårmöte.*

Luleå kommun och Bodens kommun driver infrastrukturfrågorna gemensamt enligt avsiktsförklaringen om
samverkan (september 2022 till och med september 2026), område **Infrastruktur**: samordna, stötta och
gemensamt driva frågor kring energi, transporter och kommunikation.

## 1. Järnväg

### Dubbelspår Luleå–Boden

- Sträckan är enkelspårig och har kapacitetsbrist för både gods och persontrafik.
- Trafikverket har på regeringens uppdrag redovisat möjliga finansieringslösningar, bland annat
  medfinansiering och höjda banavgifter (januari 2025).
- Kommunernas hållning: dubbelspåret ska prioriteras i nationell plan 2026–2037. Eventuell
  kommunal medfinansiering kräver beslut i respektive kommunfullmäktige.

### Norrbotniabanan

- Utbyggnaden mellan Umeå och Luleå pågår etappvis.
- Kommunerna vill att planeringen av Luleå bangård och anslutningen mot Boden samordnas med
  dubbelspåret.

## 2. Kollektivtrafik

| Insats | Ansvar | Status januari 2025 |
|---|---|---|
| Stomlinje buss Luleå–Boden | Region Norrbotten, kommunerna | I drift sedan 2024-08-19 |
| Linje till industriområdet Svartbyn | Region Norrbotten, Bodens kommun | Utreds |
| Pendlarparkering Bodens resecentrum | Bodens kommun | Byggs 2025 |
| Gång- och cykelväg Svartbyn–centrum | Bodens kommun | Projektering |

Kollektivtrafikförsörjningen ska göra det enkelt att bo i den ena kommunen och arbeta i den andra.
Resandet på stomlinjen är cirka 2 300 resor per vardag.

## 3. Elförsörjning

- Elbehovet ökar kraftigt med industrins elektrifiering och nya bostadsområden.
- Svenska kraftnät bygger ut transmissionsnätet i norra Norrbotten; kommunerna har lämnat ett
  samordnat yttrande över nätutvecklingsplanen (november 2024).
- Luleå: plan för elförsörjning till nya exploateringsområden tas fram med Luleå Energi AB.
- Boden: kapacitetsutredning med Bodens Energi AB klar 2022, uppdateras 2025.

## 4. Bredband och digital infrastruktur

- Luleå medfinansierar fiberutbyggnad på landsbygden, bland annat i Ersnäs och Antnäs.
- Boden har ett stödprogram för fiberföreningar; cirka 700 hushåll återstår att ansluta.

## 5. Förslag till styrgruppen

1. Fortsatt gemensamt påverkansarbete för dubbelspår Luleå–Boden under 2025.
2. Gemensam dialog med Region Norrbotten om linje till Svartbyn och tätare trafik på stomlinjen.
3. Gemensam lägesbild för elförsörjning till styrgruppens höstmöte.

*Kontakt: Hanna Sjöberg (Luleå kommun), Ida Granlund (Bodens kommun).*
"""


DOCUMENTS = [
    dict(kind="text", file="text/minnesanteckningar-styrgrupp-lulea-boden-2023-02-14.txt",
         date="2023-02-14", municipality_label="Luleå kommun och Bodens kommun",
         what="Minnesanteckningar från styrgruppen för samverkan Luleå–Boden (plain text)",
         text=STYRGRUPP_2023),
    dict(kind="text", file="text/sammanstallning-infrastruktur-lulea-boden-2025-01-28.md",
         date="2025-01-28", municipality_label="Luleå kommun och Bodens kommun",
         what="Sammanställning (Markdown) av gemensamma infrastrukturfrågor: dubbelspår, Norrbotniabanan, kollektivtrafik, elförsörjning, bredband",
         text=INFRA_2025),
]
