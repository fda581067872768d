"""HTML news pages in the style of the two municipalities' web sites.

Luleå: Sitevision-like page; the news text sits in <main> > <article>.
Boden: a different template; the news text sits in <main> > <div class="bk-news">
(no <article> element), the date is shown above the ingress.
Both pages carry header/logo, navigation, breadcrumbs, share links, footer and a
cookie notice, i.e. the furniture an ingester has to strip.
"""
from __future__ import annotations

from html import escape
from urllib.parse import quote

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]


def long_date(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{d} {MONTHS[m - 1]} {y}"


def e(text: str) -> str:
    return escape(text, quote=False)


def a(text: str) -> str:
    return escape(text, quote=True)


def _date_line(label: str, iso: str, style: str, cls: str) -> str:
    shown = long_date(iso) if style == "long" else iso
    return f'<p class="{cls}">{e(label)}: <time datetime="{iso}">{e(shown)}</time></p>'


def _blocks(blocks, indent: str, list_cls: str, fig_cls: str) -> str:
    out = []
    for block in blocks:
        kind = block[0]
        if kind == "p":
            out.append(f"{indent}<p>{e(block[1])}</p>")
        elif kind == "h2":
            out.append(f"{indent}<h2>{e(block[1])}</h2>")
        elif kind == "h3":
            out.append(f"{indent}<h3>{e(block[1])}</h3>")
        elif kind == "ul":
            items = "".join(f"\n{indent}  <li>{e(x)}</li>" for x in block[1])
            out.append(f'{indent}<ul class="{list_cls}">{items}\n{indent}</ul>')
        elif kind == "figure":
            src, caption = block[1], block[2]
            out.append(f'{indent}<figure class="{fig_cls}">\n{indent}  <img src="{a(src)}" alt="" width="1200" height="675" loading="lazy">\n'
                       f'{indent}  <figcaption>{e(caption)}</figcaption>\n{indent}</figure>')
        elif kind == "contact":
            lines = "<br>".join(e(x) for x in block[2])
            out.append(f'{indent}<div class="contact">\n{indent}  <h2>{e(block[1])}</h2>\n{indent}  <p>{lines}</p>\n{indent}</div>')
        else:  # pragma: no cover
            raise ValueError(kind)
    return "\n".join(out)


SHARE_ICONS = [
    ("Facebook", "https://www.facebook.com/sharer/sharer.php?u="),
    ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url="),
    ("X", "https://x.com/intent/post?url="),
]

LULEA_NAV = [
    ("Barn och utbildning", "/barn-och-utbildning.html"),
    ("Omsorg och stöd", "/omsorg-och-stod.html"),
    ("Bygga, bo och miljö", "/bygga-bo-och-miljo.html"),
    ("Uppleva och göra", "/uppleva-och-gora.html"),
    ("Arbete och näringsliv", "/arbete-och-naringsliv.html"),
    ("Kommun och politik", "/kommun-och-politik.html"),
]

BODEN_NAV = [
    ("Arbete & näringsliv", "/arbete-naringsliv.html"),
    ("Barn & utbildning", "/barn-utbildning.html"),
    ("Bygga, bo & miljö", "/bygga-bo-miljo.html"),
    ("Kultur, fritid & turism", "/kultur-fritid-turism.html"),
    ("Omsorg & hjälp", "/omsorg-hjalp.html"),
    ("Kommun & politik", "/kommun-politik.html"),
]


def render_lulea(p: dict) -> str:
    url = f"https://www.lulea.se/kommun-och-politik/nyheter/{p['slug']}.html"
    nav = "\n".join(f'          <li class="lk-menu__item"><a href="{h}">{e(t)}</a></li>' for t, h in LULEA_NAV)
    share = "\n".join(
        f'            <li><a href="{a(base + quote(url, safe=""))}" aria-label="Dela på {n}" target="_blank" rel="noopener">'
        f'<svg class="lk-icon" aria-hidden="true" focusable="false"><use href="#icon-{n.lower()}"></use></svg></a></li>'
        for n, base in SHARE_ICONS)
    crumbs = [("Startsida", "/"), ("Kommun och politik", "/kommun-och-politik.html"),
              ("Nyheter", "/kommun-och-politik/nyheter.html")]
    crumb_html = "\n".join(f'        <li><a href="{h}">{e(t)}</a></li>' for t, h in crumbs)
    credits = "\n".join(f"            <p>{e(c)}</p>" for c in p.get("credits", []))
    dates = "\n".join("          " + _date_line(lbl, iso, sty, "lk-date") for lbl, iso, sty in p["dates"])
    body = _blocks(p["blocks"], "        ", "lk-list", "lk-figure")
    ingress = f'        <p class="lk-ingress">{e(p["ingress"])}</p>\n' if p.get("ingress") else ""
    return f"""<!DOCTYPE html>
<html lang="sv" class="sv-no-js sv-template-nyhet">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{e(p['title'])} - Luleå kommun</title>
  <meta name="description" content="{a(p.get('description', p.get('ingress', '')))}">
  <meta property="og:title" content="{a(p['title'])}">
  <meta property="og:site_name" content="Luleå kommun">
  <meta property="og:type" content="article">
  <meta property="og:url" content="{a(url)}">
  <meta property="article:published_time" content="{p['date']}">
  <meta name="publisher" content="Luleå kommun">
  <link rel="canonical" href="{a(url)}">
  <link rel="stylesheet" href="/sitevision/system-resource/c3f0a1e2/css/portlets.css">
  <link rel="stylesheet" href="/webdav/files/system/css/lulea-kommun.css">
  <script src="/sitevision/system-resource/c3f0a1e2/js/jquery.js"></script>
  <script>window.sv = window.sv || {{}}; sv.PageContext = {{ pageId: '4.{p['page_id']}', siteName: 'Luleå kommun' }};</script>
</head>
<body>
  <div class="sv-cookie-consent-banner" role="region" aria-label="Kakor">
    <p>Luleå kommun använder kakor (cookies) för att webbplatsen ska fungera på ett bra sätt för dig. Vissa kakor är nödvändiga, andra använder vi för statistik.</p>
    <p><a href="/om-webbplatsen/kakor-cookies.html">Läs mer om hur vi använder kakor</a></p>
    <button type="button" class="sv-cookie-consent-accept">Godkänn alla kakor</button>
    <button type="button" class="sv-cookie-consent-deny">Endast nödvändiga kakor</button>
  </div>
  <div class="sv-layout" id="svid10_1a2b3c4d5e6f7a8b9c0d">
    <a class="lk-skip-link" href="#innehall">Gå direkt till innehållet</a>
    <header class="lk-header">
      <div class="sv-image-portlet lk-logo">
        <a href="/"><img src="/images/18.4f1a2b3c1650a1b2c3d4e5/1651234567890/lulea-kommun-logotyp.svg" alt="Logotyp" width="180" height="54"></a>
      </div>
      <ul class="lk-tools">
        <li><a href="/other-languages.html" lang="en">Other languages</a></li>
        <li><a href="/lattlast.html">Lättläst</a></li>
        <li><a href="/teckensprak.html">Teckenspråk</a></li>
        <li><button type="button" class="lk-listen">Lyssna</button></li>
      </ul>
      <form class="lk-search" role="search" action="/sok.html" method="get">
        <label for="lk-q">Sök på lulea.se</label>
        <input id="lk-q" name="query" type="search" autocomplete="off">
        <button type="submit">Sök</button>
      </form>
      <nav class="lk-menu" aria-label="Huvudmeny">
        <ul>
{nav}
        </ul>
      </nav>
    </header>
    <nav class="lk-breadcrumbs" aria-label="Du är här">
      <ol>
{crumb_html}
        <li aria-current="page">{e(p['title'])}</li>
      </ol>
    </nav>
    <main id="innehall" class="lk-main">
      <article class="sv-text-portlet lk-news-article">
        <h1 class="lk-heading-1">{e(p['title'])}</h1>
{ingress}{body}
        <footer class="lk-article-footer">
          <div class="lk-share">
            <p class="lk-share__title">DELA VIA SOCIALA MEDIER</p>
            <ul class="lk-share__list">
{share}
            </ul>
          </div>
          <div class="lk-credits">
{credits}
          </div>
{dates}
        </footer>
      </article>
    </main>
    <footer class="lk-footer">
      <div class="lk-footer__logo"><img src="/images/18.4f1a2b3c1650a1b2c3d4e5/1651234567891/lulea-kommun-logotyp-vit.svg" alt="Logotyp" width="180" height="54"></div>
      <div class="lk-footer__contact">
        <h2>Kontakta oss</h2>
        <p>Luleå kommun<br>971 85 Luleå</p>
        <p>Besöksadress: Stadshuset, Rådstugatan 11</p>
        <p>Telefon: <a href="tel:+46920453000">0920-45 30 00</a></p>
        <p>E-post: <a href="mailto:kommun@lulea.se">kommun@lulea.se</a></p>
        <p>Kontaktcenter har öppet vardagar 08.00–16.30.</p>
      </div>
      <nav class="lk-footer__links" aria-label="Om webbplatsen">
        <ul>
          <li><a href="/om-webbplatsen.html">Om webbplatsen</a></li>
          <li><a href="/om-webbplatsen/tillganglighetsredogorelse.html">Tillgänglighetsredogörelse</a></li>
          <li><a href="/om-webbplatsen/behandling-av-personuppgifter.html">Behandling av personuppgifter</a></li>
          <li><a href="/om-webbplatsen/kakor-cookies.html">Kakor (cookies)</a></li>
          <li><a href="/kommun-och-politik/press.html">Press</a></li>
        </ul>
      </nav>
      <p class="lk-footer__social">Följ Luleå kommun på <a href="https://www.facebook.com/lulea">Facebook</a>, <a href="https://www.instagram.com/luleakommun">Instagram</a> och <a href="https://www.linkedin.com/company/lulea-kommun">LinkedIn</a></p>
    </footer>
  </div>
  <script src="/webdav/files/system/js/lulea-kommun.js"></script>
</body>
</html>
"""


def render_boden(p: dict) -> str:
    url = f"https://www.boden.se/kommun-politik/nyheter/{p['slug']}.html"
    nav = "\n".join(f'        <li><a href="{h}">{e(t)}</a></li>' for t, h in BODEN_NAV)
    share = "\n".join(f'          <a class="bk-share__link" href="{a(base + quote(url, safe=""))}">{n}</a>' for n, base in SHARE_ICONS)
    credits = "\n".join(f'        <p class="bk-credit">{e(c)}</p>' for c in p.get("credits", []))
    dates = "\n".join("        " + _date_line(lbl, iso, sty, "bk-date") for lbl, iso, sty in p["dates"])
    body = _blocks(p["blocks"], "          ", "bk-list", "bk-image")
    updated = p.get("updated")
    upd_html = ("\n        " + _date_line("Senast uppdaterad", updated, "iso", "bk-updated")) if updated else ""
    return f"""<!DOCTYPE html>
<html lang="sv">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{e(p['title'])} | Bodens kommun</title>
  <meta name="description" content="{a(p.get('description', p.get('ingress', '')))}">
  <meta property="og:title" content="{a(p['title'])}">
  <meta property="og:site_name" content="Bodens kommun">
  <meta name="publisher" content="Bodens kommun">
  <link rel="canonical" href="{a(url)}">
  <link rel="stylesheet" href="/sitevision/system-resource/77d1e0aa/css/portlets.css">
  <link rel="stylesheet" href="/webdav/files/bodens-kommun/css/main.css">
</head>
<body class="bk-body">
  <a class="bk-skip" href="#main-content">Hoppa till huvudinnehåll</a>
  <div class="bk-topbar">
    <ul>
      <li><a href="/languages.html" lang="en">Languages</a></li>
      <li><a href="/lattlast.html">Lättläst</a></li>
      <li><a href="/kontakt.html">Kontakta oss</a></li>
    </ul>
  </div>
  <header class="bk-header">
    <a class="bk-header__logo" href="/"><img src="/images/18.3d2c1b0a17a9f8e7d6c5b4/1612345678901/bodens-kommun-logga.png" alt="Logotyp" width="200" height="60"></a>
    <form class="bk-search" role="search" action="/sok.html">
      <input type="search" name="query" placeholder="Vad letar du efter?" aria-label="Sök">
      <button type="submit">Sök</button>
    </form>
    <nav class="bk-nav" aria-label="Huvudnavigering">
      <ul>
{nav}
      </ul>
    </nav>
  </header>
  <div class="bk-breadcrumbs">
    <span>Du är här:</span>
    <a href="/">Start</a> /
    <a href="/kommun-politik.html">Kommun &amp; politik</a> /
    <a href="/kommun-politik/nyheter.html">Nyheter</a> /
    <span aria-current="page">{e(p['title'])}</span>
  </div>
  <main id="main-content" class="bk-main">
    <div class="sv-layout bk-news">
      <div class="sv-text-portlet">
        <h1>{e(p['title'])}</h1>
{dates}
        <div class="bk-preamble">
          <p>{e(p['ingress'])}</p>
        </div>
        <div class="bk-text">
{body}
        </div>
{credits}{upd_html}
        <div class="bk-share">
          <span class="bk-share__label">Dela sidan:</span>
{share}
        </div>
      </div>
    </div>
  </main>
  <footer class="bk-footer">
    <div class="bk-footer__col">
      <img src="/images/18.3d2c1b0a17a9f8e7d6c5b4/1612345678902/bodens-kommun-logga-negativ.png" alt="Logotyp" width="200" height="60">
      <p><strong>Bodens kommun</strong><br>961 86 Boden</p>
      <p>Besöksadress: Stadshuset, Kyrkgatan 24</p>
      <p>Växel: <a href="tel:+4692162000">0921-620 00</a></p>
      <p>E-post: <a href="mailto:kommun@boden.se">kommun@boden.se</a></p>
    </div>
    <div class="bk-footer__col">
      <h2>Genvägar</h2>
      <ul>
        <li><a href="/kommun-politik/moten-och-protokoll.html">Möten och protokoll</a></li>
        <li><a href="/arbete-naringsliv/lediga-jobb.html">Lediga jobb</a></li>
        <li><a href="/om-webbplatsen/tillganglighet.html">Tillgänglighetsredogörelse</a></li>
        <li><a href="/om-webbplatsen/personuppgifter.html">Så hanterar vi personuppgifter</a></li>
      </ul>
    </div>
  </footer>
  <div id="bk-cookie" class="bk-cookie" role="dialog" aria-label="Information om kakor">
    <p>Vi använder kakor (cookies) för att ge dig en bättre upplevelse av boden.se. Du kan själv välja om du vill tillåta statistikkakor.</p>
    <button type="button">Tillåt alla</button>
    <button type="button">Endast nödvändiga</button>
    <a href="/om-webbplatsen/kakor.html">Mer om kakor</a>
  </div>
</body>
</html>
"""


def render_press_release(p: dict) -> str:
    if p["template"] == "lulea":
        return render_lulea(p)
    if p["template"] == "boden":
        return render_boden(p)
    raise ValueError(p["template"])  # pragma: no cover
