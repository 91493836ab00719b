"""Chrome in German, French, Spanish, Italian, Portuguese and Dutch, and on the English editions
of Korean, Japanese and Chinese news sites (issue 14, part 3).

Per language, a table of chrome lines that go (share, follow, newsletter, paywall, cookie
consent, comments, related and "read more", navigation, copyright, photo credits) and of prose
lines that use the same words and stay. Every line stands between or below paragraphs of an
article in its language, as extractors leave them.
"""

from __future__ import annotations

import pytest

from cleaner import clean_text
from cleaner.config import Config

CONFIG = Config(languages=None)

BODIES = {
    "de": ("Der Stadtrat hat am Dienstag nach langer Debatte beschlossen, die Straßenbahnlinie bis zum neuen Wohngebiet im Norden zu verlängern.",
           "Die Bauarbeiten sollen im kommenden Frühjahr beginnen und rund drei Jahre dauern, teilte die Verwaltung mit.",
           "Anwohner hatten zuvor mehr als viertausend Unterschriften für das Vorhaben gesammelt."),
    "fr": ("Le conseil municipal a voté mardi soir la prolongation de la ligne de tramway jusqu’au nouveau quartier situé au nord de la ville.",
           "Les travaux doivent commencer au printemps prochain et durer environ trois ans, selon la mairie.",
           "Les habitants avaient réuni plus de quatre mille signatures en faveur du projet."),
    "es": ("El ayuntamiento aprobó el martes por la noche la ampliación de la línea de tranvía hasta el nuevo barrio del norte de la ciudad.",
           "Las obras comenzarán la próxima primavera y durarán unos tres años, según informó el consistorio.",
           "Los vecinos habían reunido más de cuatro mil firmas a favor del proyecto."),
    "it": ("Il consiglio comunale ha approvato martedì sera il prolungamento della linea del tram fino al nuovo quartiere a nord della città.",
           "I lavori dovrebbero iniziare la prossima primavera e durare circa tre anni, ha fatto sapere il Comune.",
           "I residenti avevano raccolto più di quattromila firme a sostegno del progetto."),
    "pt": ("A câmara municipal aprovou na terça-feira à noite o prolongamento da linha de elétrico até ao novo bairro no norte da cidade.",
           "As obras devem começar na próxima primavera e durar cerca de três anos, segundo a autarquia.",
           "Os moradores tinham reunido mais de quatro mil assinaturas a favor do projeto."),
    "nl": ("De gemeenteraad heeft dinsdagavond besloten de tramlijn door te trekken naar de nieuwe woonwijk in het noorden van de stad.",
           "De werkzaamheden beginnen volgend voorjaar en duren ongeveer drie jaar, meldt de gemeente.",
           "Bewoners hadden eerder ruim vierduizend handtekeningen verzameld voor het plan."),
    "en-asia": ("The Bank of Korea held its benchmark interest rate steady on Thursday, citing uncertainty over exports and household debt.",
                "The decision was widely expected by economists, who said the bank would wait for clearer signs of slowing inflation.",
                "The governor is due to hold a press conference in Seoul later in the day."),
}

# (language, what, chrome line) -- removed (or moved into a field) wherever it stands.
CHROME = [
    ("de", "share", "Artikel per Mail versenden"), ("de", "share-row", "Teilen Facebook WhatsApp E-Mail"),
    ("de", "follow", "Folgen Sie uns auf Facebook und Instagram"), ("de", "newsletter", "Jetzt Newsletter abonnieren"),
    ("de", "paywall", "Weiterlesen mit Plus"), ("de", "cookie", "Diese Website verwendet Cookies. Mit der Nutzung stimmen Sie unserer Datenschutzerklärung zu."),
    ("de", "cookie-button", "Alle ablehnen"), ("de", "comments", "Die Kommentarfunktion ist geschlossen"),
    ("de", "related", "Das könnte Sie interessieren"), ("de", "read-more", "Lesen Sie auch: Neue Radwege für die Innenstadt"),
    ("de", "navigation", "Zum Hauptmenü"), ("de", "copyright", "© Stadtkurier 2024. Alle Rechte vorbehalten."),
    ("de", "photo", "Foto: Jana Berger/dpa"),
    ("fr", "share", "Partager sur WhatsApp"), ("fr", "follow", "Suivez-nous sur les réseaux sociaux"),
    ("fr", "newsletter", "Recevez notre newsletter"), ("fr", "paywall", "Il vous reste 72% de cet article à lire."),
    ("fr", "paywall-login", "Déjà abonné ? Se connecter"),
    ("fr", "cookie", "Ce site utilise des cookies pour améliorer votre expérience. En poursuivant, vous acceptez notre politique de confidentialité."),
    ("fr", "cookie-button", "Continuer sans accepter"), ("fr", "comments", "Réagissez à cet article"),
    ("fr", "related", "Sur le même thème"), ("fr", "read-more", "À lire également : Le tramway en chiffres"),
    ("fr", "navigation", "Page suivante"), ("fr", "copyright", "© La Gazette du Nord - Toute reproduction interdite"),
    ("fr", "photo", "Photo : Claire Morel / AFP"),
    ("es", "share", "Compartir por correo electrónico"), ("es", "follow", "Síguenos en redes sociales"),
    ("es", "newsletter", "Apúntate a nuestra newsletter"), ("es", "paywall", "Hazte suscriptor"),
    ("es", "cookie", "Este sitio web utiliza cookies para mejorar tu experiencia. Al continuar navegando aceptas nuestra política de cookies."),
    ("es", "cookie-button", "Rechazar todas"), ("es", "comments", "Sé el primero en comentar"),
    ("es", "related", "También te puede interesar"), ("es", "read-more", "Lea además: El tranvía llega al norte"),
    ("es", "navigation", "Noticia siguiente"), ("es", "copyright", "© Diario del Norte. Prohibida la reproducción total o parcial."),
    ("es", "photo", "Foto: Lucía Pérez / EFE"),
    ("it", "share", "Condividi via email"), ("it", "follow", "Seguici sui social"), ("it", "newsletter", "Iscriviti alla nostra newsletter"),
    ("it", "paywall", "Sei già abbonato? Accedi"),
    ("it", "cookie", "Questo sito utilizza cookie per migliorare la tua esperienza. Proseguendo nella navigazione accetti l’informativa."),
    ("it", "cookie-button", "Rifiuta tutti"), ("it", "comments", "Sii il primo a commentare"), ("it", "related", "Potrebbe interessarti anche"),
    ("it", "read-more", "Leggi anche: Il nuovo tram in cifre"), ("it", "navigation", "Pagina successiva"),
    ("it", "copyright", "© Gazzetta del Nord - Riproduzione riservata"), ("it", "photo", "Foto: Marco Rossi / ANSA"),
    ("pt", "share", "Partilhar no WhatsApp"), ("pt", "follow", "Siga-nos nas redes sociais"),
    ("pt", "newsletter", "Subscreva a nossa newsletter"), ("pt", "paywall", "Já é assinante? Faça login"),
    ("pt", "cookie", "Este site utiliza cookies para melhorar a sua experiência. Ao continuar a navegar, concorda com a nossa política de privacidade."),
    ("pt", "cookie-button", "Rejeitar todos"), ("pt", "comments", "Seja o primeiro a comentar"), ("pt", "related", "Não deixe de ler"),
    ("pt", "read-more", "Leia mais: O elétrico chega ao norte"), ("pt", "navigation", "Artigo seguinte"),
    ("pt", "copyright", "© Jornal do Norte. Proibida a reprodução total ou parcial."), ("pt", "photo", "Foto: Ana Costa / Lusa"),
    ("nl", "share", "Deel dit artikel"), ("nl", "share-row", "Delen Facebook WhatsApp"), ("nl", "follow", "Volg ons op Facebook en Instagram"),
    ("nl", "newsletter", "Schrijf je in voor onze nieuwsbrief"), ("nl", "paywall", "Dit artikel is alleen voor abonnees"),
    ("nl", "cookie", "Wij gebruiken cookies om je ervaring te verbeteren. Door verder te gaan ga je akkoord met ons privacybeleid."),
    ("nl", "cookie-button", "Alles accepteren"), ("nl", "comments", "Plaats een reactie"), ("nl", "comment-count", "12 reacties"),
    ("nl", "related", "Meest gelezen"), ("nl", "read-more", "Lees ook: Tram rijdt straks tot in Noord"),
    ("nl", "navigation", "Volgend artikel"), ("nl", "copyright", "© Dagblad Noord 2024. Alle rechten voorbehouden."),
    ("nl", "photo", "Foto: Joost de Vries / ANP"),
    ("de", "dateline", "Veröffentlicht am 19.11.2019 um 14:05 Uhr"), ("nl", "dateline", "Gepubliceerd op 19 november 2019 om 14:05"),
    ("es", "dateline", "Publicado el 19 de noviembre de 2019 a las 14:05"), ("fr", "dateline", "Dernière mise à jour le 19 novembre 2019 à 14h05"),
    ("en-asia", "skip-link", "Go to Body"), ("en-asia", "skip-link-menu", "Skip to global navigation"),
    ("en-asia", "copyright", "Copyright (c) Seoul Daily News Agency prohibits its content from being redistributed or reprinted without consent"),
    ("en-asia", "copyright-short", "© Tokyo Morning Post. Unauthorized reproduction prohibited."),
    ("en-asia", "reporter-email", "By Park Ji-won (jwpark@seouldaily.co.kr)"),
    ("en-asia", "reporter-email-bare", "minji.kim@seouldaily.co.kr"),
]

# (language, what, prose line) -- article text that uses chrome words: kept.
PROSE = [
    ("de", "share", "Die Stadt will ihren Anteil an den Kosten teilen, sagte der Bürgermeister am Abend vor Journalisten."),
    ("de", "follow", "Viele Anwohner folgen der Debatte seit Jahren und wollen nun auf die Einhaltung des Zeitplans achten."),
    ("de", "newsletter", "Der Verein informiert seine Mitglieder in einem monatlichen Newsletter über den Stand der Planungen."),
    ("fr", "cookie", "La Cnil a rappelé que les sites doivent permettre de refuser les cookies aussi facilement que de les accepter."),
    ("fr", "read-more", "Lire aussi le rapport de la mairie, qui détaille le coût des travaux et le calendrier du chantier, prendra du temps."),
    ("es", "comments", "Los comentarios de los vecinos en la reunión se centraron en el ruido de las obras y en los cortes de tráfico."),
    ("es", "paywall", "Los suscriptores del abono mensual podrán usar la nueva línea sin coste adicional desde el primer día."),
    ("it", "share", "Il Comune intende condividere i costi con la Regione, ha spiegato l’assessore ai trasporti."),
    ("pt", "follow", "Os moradores vão seguir de perto as obras e prometem denunciar qualquer atraso nas redes sociais do bairro."),
    ("pt", "read-more", "Leia mais sobre o projeto no relatório da autarquia, que foi publicado esta semana e detalha os custos."),
    ("nl", "follow", "Volg ons advies en neem de fiets, zei de wethouder tegen bewoners die bang zijn voor files tijdens de werkzaamheden."),
    ("nl", "newsletter", "De wijkvereniging houdt bewoners via een nieuwsbrief op de hoogte van de voortgang van de werkzaamheden."),
    ("nl", "cookie", "Volgens de toezichthouder moeten websites bezoekers vragen om toestemming voordat ze cookies plaatsen."),
    ("en-asia", "copyright", "The court ruled that the agency’s photos may not be reproduced without consent, siding with the photographers."),
    ("en-asia", "language", "Korean and Japanese officials met in Tokyo on Friday to discuss export controls, the ministry said."),
]


def _doc(lang: str, line: str, where: str) -> str:
    p1, p2, p3 = BODIES[lang]
    if where == "inside":
        return f"{p1}\n\n{line}\n\n{p2}\n\n{p3}"
    return f"{p1}\n\n{p2}\n\n{p3}\n\n{line}"


@pytest.mark.parametrize("lang, what, line", CHROME, ids=[f"{lang}-{what}" for lang, what, _ in CHROME])
def test_chrome_goes(lang: str, what: str, line: str) -> None:
    result = clean_text(_doc(lang, line, "below"), CONFIG)
    assert result.text == "\n\n".join(BODIES[lang]), [(c.rule, c.before) for c in result.changes]


@pytest.mark.parametrize("lang, what, line", PROSE, ids=[f"{lang}-{what}" for lang, what, _ in PROSE])
def test_prose_with_the_same_words_stays(lang: str, what: str, line: str) -> None:
    for where in ("inside", "below"):
        result = clean_text(_doc(lang, line, where), CONFIG)
        assert line in result.text, (where, [(c.rule, c.before) for c in result.changes])


def test_every_language_has_every_kind() -> None:
    """The table covers each kind of chrome in each of the six languages."""
    kinds = {"share", "follow", "newsletter", "paywall", "cookie", "comments", "related", "read-more", "navigation", "copyright", "photo"}
    for lang in ("de", "fr", "es", "it", "pt", "nl"):
        have = {what for language, what, _ in CHROME if language == lang}
        assert kinds <= have, (lang, kinds - have)
