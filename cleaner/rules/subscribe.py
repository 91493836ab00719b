"""Calls to action: newsletter sign-ups, paywall prompts, app promotion."""

from __future__ import annotations

from .phrases import PhraseRule


class NewsletterSignup(PhraseRule):
    """Remove newsletter sign-up boxes ("Sign up for our newsletter", "Enter your email",
    "Get the day's top headlines delivered to your inbox").

    Before::

        ... the summit held in Prague.
        Sign up for our Morning Briefing newsletter
        Enter your email address

    After::

        ... the summit held in Prague.

    Leaves alone: sentences about newsletters ("The newsletter, launched in 2010, has 40,000
    readers.") and a newsletter's bare name inside the body. Data: ``[SUB001]`` in
    ``packs/subscribe.toml``.
    """

    code = "SUB001"
    name = "subscribe.newsletter"
    summary = "Remove newsletter sign-up prompts ('Sign up for our newsletter', 'Enter your email')."
    where = "anywhere"
    boundary = True


class Paywall(PhraseRule):
    """Remove paywall and subscription prompts ("Subscribe to continue reading", "Already a
    subscriber? Sign in", "Réservé aux abonnés").

    Before::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.
        This article is for subscribers only
        Already a subscriber? Sign in

    After::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.

    Leaves alone: sentences about subscriptions ("Subscribers rose to 2 million, the company
    said."); offers with prices only count above or below the article. Data: ``[SUB002]`` in
    ``packs/subscribe.toml``.
    """

    code = "SUB002"
    name = "subscribe.paywall"
    summary = "Remove paywall prompts ('Subscribe to continue reading', 'Already a subscriber?')."
    where = "anywhere"
    boundary = True


class AppPromo(PhraseRule):
    """Remove app promotion ("Download our app", "Get it on Google Play", "Click here to get
    the ... app").

    Before::

        ... the summit held in Prague.
        Download our app

    After::

        ... the summit held in Prague.

    Leaves alone: sentences about apps ("The app was downloaded 5 million times.").
    Data: ``[SUB003]`` in ``packs/subscribe.toml``.
    """

    code = "SUB003"
    name = "subscribe.app-promo"
    summary = "Remove app promotion ('Download our app', 'Get it on Google Play')."
    where = "anywhere"
    boundary = True
