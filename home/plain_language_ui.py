"""UI texts that read differently in plain language (Leichte Sprache). Every other text falls
back to the German catalogue. `manage.py update_catalogues` (make messages) writes these into
locale/de_X-ls/."""

PLAIN_UI = {
    "Zum Inhalt springen": "Zum Text springen",
    "Suche": "Suchen",
    "Suchbegriff": "Wonach suchen Sie?",
    "Hauptnavigation": "Menü",
    "Brotkrumen": "Sie sind hier",
    "Startseite": "Start·seite",
    "Rechtliches und Service": "Wichtige Seiten",
    "Angebote eingrenzen": "Angebote aussuchen",
    "Filter anwenden": "Angebote zeigen",
    "Alle Filter zurücksetzen": "Alles wieder zeigen",
    "Meinten Sie": "Meinen Sie vielleicht",
    "Leider haben wir nichts gefunden.": "Wir haben nichts gefunden.",
    "Prüfen Sie die Schreibweise.": "Ist das Wort richtig geschrieben?",
    "Zurück": "Eine Seite zurück",
    "Weiter": "Nächste Seite",
}
