"""German demo texts, written for this project (no sentences taken from the domain material).
Everything here is fiction about a plausible city education office; e-mail addresses use
example.org."""

CREDIT = "Stadt Magdeburg / Demo-Grafik"

HOME = {
    "title": "Bildung in Magdeburg",
    "intro": (
        "<p>Das Bildungsbüro der Landeshauptstadt verbindet Kitas, Schulen, Hochschulen, "
        "Betriebe, Vereine und Verwaltung. Gemeinsam sorgen wir dafür, dass Menschen in jeder "
        "Lebensphase gute Wege zum Lernen finden – vom ersten Kita-Tag bis ins hohe Alter.</p>"
    ),
    "search_description": "Kommunales Bildungsmanagement der Landeshauptstadt: Themen, "
    "Nachrichten, Bildungsleitbild, Gremien und Berichte.",
}

NEWS_INDEX = {
    "title": "Aktuelles",
    "slug": "aktuelles",
    "intro": "Neuigkeiten aus dem Bildungsbüro und seinen Netzwerken.",
}

# (title, days ago, teaser, topics, body paragraphs, extra block kind)
NEWS = [
    (
        "Bildungskonferenz: Über 200 Gäste diskutieren Übergänge",
        12,
        "Auf der diesjährigen Bildungskonferenz stand der Wechsel von der Kita in die Grundschule "
        "im Mittelpunkt. Fachleute aus Praxis und Verwaltung haben konkrete Vorschläge erarbeitet.",
        ["uebergang-kita-grundschule"],
        [
            "In sechs Werkstätten haben Erzieherinnen, Lehrkräfte, Eltern und Fachleute aus dem "
            "Jugendamt gemeinsam an einem Ziel gearbeitet: Kinder sollen den Schulstart gut "
            "vorbereitet und ohne Brüche erleben.",
            "Besonders gefragt war die Werkstatt zu gemeinsamen Hospitationen von Kita und "
            "Grundschule. Die Ergebnisse fließen in die Arbeit der AG Übergang ein.",
        ],
        "quote",
    ),
    (
        "Neues Netzwerk für Bildung für nachhaltige Entwicklung",
        26,
        "Zwölf Einrichtungen haben sich zu einem BNE-Netzwerk zusammengeschlossen. Sie wollen "
        "Angebote bündeln und Schulen bei Projekten zu Klima und Konsum unterstützen.",
        ["bne"],
        [
            "Zum Netzwerk gehören Umweltverbände, zwei Museen, die Stadtbibliothek und mehrere "
            "Schulen. Ein gemeinsamer Kalender macht die Angebote sichtbar.",
            "Schulen, die mitmachen möchten, melden sich beim Bildungsbüro.",
        ],
        "call_to_action",
    ),
    (
        "MINT-Aktionstage locken Grundschulkinder in die Labore",
        40,
        "Bei den MINT-Aktionstagen haben Kinder der dritten und vierten Klassen in Laboren, "
        "Werkstätten und Hörsälen experimentiert.",
        ["mint"],
        [
            "Hochschulen, Unternehmen und Vereine öffneten an drei Tagen ihre Türen. Die Kinder "
            "bauten einfache Stromkreise, untersuchten Wasserproben und programmierten kleine "
            "Roboter.",
            "Die Aktionstage werden im kommenden Jahr fortgesetzt.",
        ],
        "image",
    ),
    (
        "Praxismesse zeigt, wie Schule und Beruf zusammenfinden",
        55,
        "Auf der Praxismesse stellten 35 Betriebe, Kammern und Schulen Projekte zur "
        "Berufsorientierung vor.",
        ["uebergang-schule-beruf", "berufsorientierung"],
        [
            "Jugendliche konnten an Ständen ausprobieren, wie sich Berufe im Handwerk, "
            "in der Pflege "
            "und in der Verwaltung anfühlen.",
            "Viele Aussteller haben Praktikumsplätze für das kommende Schuljahr angeboten.",
        ],
        "table",
    ),
    (
        "Fachkräfte für Kitas: Stadt startet Qualifizierungsoffensive",
        70,
        "Mit berufsbegleitenden Kursen und Mentoring will die Stadt mehr Quereinsteigende für die "
        "Arbeit in Kindertagesstätten gewinnen.",
        ["fachkraeftesicherung"],
        [
            "Die Kurse verbinden Theorie und Praxis. Erfahrene Fachkräfte begleiten die neuen "
            "Kolleginnen und Kollegen im ersten Jahr.",
            "Träger können Plätze für ihre Einrichtungen reservieren.",
        ],
        "accordion",
    ),
    (
        "Lernen ein Leben lang: Volkshochschule erweitert Abendangebot",
        84,
        "Die Volkshochschule bietet mehr Kurse am Abend und am Wochenende an, damit auch "
        "Berufstätige Zeit zum Lernen finden.",
        ["lebenslanges-lernen"],
        [
            "Neu sind unter anderem Kurse zu digitalen Grundlagen, zu Fremdsprachen und zur "
            "politischen Bildung.",
            "Für Menschen mit geringem Einkommen gibt es ermäßigte Gebühren.",
        ],
        "document",
    ),
    (
        "Bildung und Teilhabe: Leistungen einfacher beantragen",
        98,
        "Familien mit geringem Einkommen können Zuschüsse für Schulausflüge, Lernförderung und "
        "Mittagessen jetzt mit einem kürzeren Formular beantragen.",
        ["bildung-und-teilhabe"],
        [
            "Das neue Formular passt auf eine Seite. Beratungsstellen in den "
            "Stadtteilen helfen beim "
            "Ausfüllen.",
            "Anträge können auch online gestellt werden.",
        ],
        "video",
    ),
    (
        "Nach dem Berufsleben: Angebote für den Übergang in den Ruhestand",
        120,
        "Ein neuer Wegweiser stellt Bildungs- und Engagementangebote für Menschen vor, die bald "
        "in den Ruhestand gehen.",
        ["uebergang-nachberufliche-phase", "lebenslanges-lernen"],
        [
            "Der Wegweiser nennt Kurse, Ehrenämter und Treffpunkte in allen Stadtteilen.",
            "Er liegt in Bürgerbüros und Bibliotheken aus.",
        ],
        "quote",
    ),
    (
        "Elternabende zum Wechsel auf die weiterführende Schule",
        140,
        "Im Januar informieren alle Grundschulen gemeinsam mit weiterführenden Schulen über die "
        "Schulwahl nach der vierten Klasse.",
        ["uebergang-grundschule-weiterfuehrende-schule"],
        [
            "Eltern erfahren, welche Schulformen es gibt und wie das Anmeldeverfahren abläuft.",
            "Dolmetscherinnen und Dolmetscher sind auf Anfrage dabei.",
        ],
        "call_to_action",
    ),
]

TOPIC_INDEX = {
    "title": "Themen",
    "slug": "themen",
    "intro": "Die Schwerpunkte des kommunalen Bildungsmanagements.",
}

# (topic slug, title, intro, team, body paragraphs)
TOPICS = [
    (
        "bne",
        "Bildung für nachhaltige Entwicklung (BNE)",
        "BNE befähigt Menschen, die Folgen ihres Handelns für Umwelt und Gesellschaft zu verstehen "
        "und verantwortlich zu entscheiden.",
        "Team BNE",
        [
            "Wir vernetzen außerschulische Lernorte mit Kitas und Schulen und machen ihre Angebote "
            "sichtbar.",
            "Ein BNE-Netzwerk trifft sich viermal im Jahr.",
        ],
    ),
    (
        "mint",
        "MINT – Mathematik, Informatik, Naturwissenschaft und Technik",
        "Neugier auf Technik und Naturwissenschaft früh wecken und bis in den Beruf begleiten.",
        "Team MINT",
        [
            "Gemeinsam mit Hochschulen und Unternehmen organisieren wir Aktionstage, Forscherclubs "
            "und Fortbildungen für Lehrkräfte.",
            "Die MINT-Angebote richten sich an alle Altersgruppen.",
        ],
    ),
    (
        "uebergang-kita-grundschule",
        "Übergang Kita – Grundschule",
        "Der Schulstart gelingt, wenn Kita, Schule und Familie eng zusammenarbeiten.",
        "AG Übergang Kita-Grundschule",
        [
            "Wir fördern Kooperationsverträge zwischen Kitas und Grundschulen und begleiten "
            "gemeinsame Fortbildungen.",
            "Eltern finden hier Hinweise zur Schulanmeldung.",
        ],
    ),
    (
        "uebergang-schule-beruf",
        "Übergang Schule – Beruf",
        "Jugendliche sollen ihren Weg in Ausbildung oder Studium finden, ohne Zeit zu verlieren.",
        "Team Berufsorientierung",
        [
            "Die Jugendberufsagentur, Schulen und Betriebe stimmen ihre Angebote ab.",
            "Die Praxismesse bringt Schülerinnen und Schüler mit Betrieben zusammen.",
        ],
    ),
    (
        "fachkraeftesicherung",
        "Fachkräftesicherung",
        "Kitas, Schulen und Betriebe brauchen gut ausgebildete Menschen. Wir unterstützen sie "
        "dabei, Fachkräfte zu gewinnen und zu halten.",
        "Team Fachkräfte",
        [
            "Schwerpunkte sind Quereinstieg, berufsbegleitende Qualifizierung und Anerkennung "
            "ausländischer Abschlüsse.",
            "Arbeitgeber erhalten Beratung zu Förderprogrammen.",
        ],
    ),
    (
        "lebenslanges-lernen",
        "Lebenslanges Lernen",
        "Lernen endet nicht mit dem Schulabschluss. Die Stadt macht Angebote für Erwachsene und "
        "Ältere sichtbar.",
        "Team Erwachsenenbildung",
        [
            "Volkshochschule, Bibliotheken und Vereine bieten Kurse für jedes Alter an.",
            "Ein Weiterbildungsatlas zeigt Angebote in allen Stadtteilen.",
        ],
    ),
    (
        "bildung-und-teilhabe",
        "Bildung und Teilhabe",
        "Kein Kind soll wegen des Geldbeutels der Eltern auf Bildung verzichten müssen.",
        "Beratung Bildung und Teilhabe",
        [
            "Zuschüsse gibt es für Ausflüge, Schulbedarf, Lernförderung, Mittagessen "
            "sowie Sport und "
            "Kultur.",
            "Die Beratungsstellen helfen beim Antrag.",
        ],
    ),
]

LEITBILD = {
    "title": "Bildungsleitbild",
    "slug": "bildungsleitbild",
    "intro": "Das Bildungsleitbild beschreibt, wofür die Stadt und ihre Partner in der Bildung "
    "gemeinsam eintreten. Es ist in einem offenen Beteiligungsprozess entstanden.",
}

LEITBILD_CHAPTERS = [
    (
        "Präambel",
        "Warum wir ein gemeinsames Leitbild brauchen.",
        [
            "Bildung ist der Schlüssel zu Teilhabe, Arbeit und einem selbstbestimmten Leben. Viele "
            "Partner tragen Verantwortung – das Leitbild gibt ihnen eine gemeinsame Richtung."
        ],
    ),
    (
        "Bildung von Anfang an",
        "Frühe Bildung legt den Grundstein.",
        [
            "Alle Kinder erhalten früh gute Anregungen. Kitas arbeiten eng mit "
            "Familien zusammen und "
            "werden als Bildungsorte gestärkt."
        ],
    ),
    (
        "Gelingende Übergänge",
        "Niemand geht an den Nahtstellen verloren.",
        [
            "Ob Schulstart, Schulwechsel oder Berufseinstieg: Einrichtungen stimmen sich ab und "
            "begleiten Kinder, Jugendliche und Erwachsene über die Übergänge hinweg."
        ],
    ),
    (
        "Lernen ein Leben lang",
        "Bildung begleitet alle Lebensphasen.",
        ["Erwachsene und Ältere finden erreichbare, bezahlbare Angebote in ihrer Nähe."],
    ),
    (
        "Teilhabe für alle",
        "Bildung ist unabhängig von Herkunft und Einkommen.",
        [
            "Barrieren werden abgebaut, Beratung ist leicht zu finden und Angebote sind auch in "
            "Leichter Sprache beschrieben."
        ],
    ),
    (
        "Bildung für nachhaltige Entwicklung",
        "Verantwortung für morgen lernen.",
        ["Kitas, Schulen und außerschulische Lernorte verankern BNE in ihrem Alltag."],
    ),
    (
        "Gemeinsam verantworten",
        "Wie wir zusammenarbeiten.",
        [
            "Eine Steuerungsgruppe begleitet die Umsetzung. Ein Bildungsmonitoring macht "
            "Fortschritte "
            "sichtbar; alle zwei Jahre berichtet die Stadt öffentlich."
        ],
    ),
]

COMMITTEES = [
    (
        "Steuerungsgruppe Bildung",
        "<p>Die Steuerungsgruppe setzt Schwerpunkte für das kommunale Bildungsmanagement, "
        "bewertet die Ergebnisse des Bildungsmonitorings und empfiehlt dem Stadtrat Maßnahmen.</p>",
        [
            ("Vorsitz", "Beigeordnete für Bildung, Schule und Sport"),
            ("Mitglied", "Staatliches Schulamt"),
            ("Mitglied", "Agentur für Arbeit"),
            ("Mitglied", "Industrie- und Handelskammer"),
            ("Mitglied", "Jugendamt"),
            ("Mitglied", "Stadtelternrat"),
            ("Geschäftsführung", "Bildungsbüro"),
        ],
    ),
    (
        "AG Übergang Kita-Grundschule",
        "<p>Die Arbeitsgemeinschaft entwickelt gemeinsame Standards für die Zusammenarbeit von "
        "Kitas und Grundschulen und organisiert Fachtage.</p>",
        [
            ("Sprecherin", "Kita-Eigenbetrieb"),
            ("Sprecher", "Grundschulen im Stadtgebiet"),
            ("Mitglied", "Freie Träger der Kindertagesbetreuung"),
            ("Mitglied", "Schulpsychologischer Dienst"),
            ("Koordination", "Bildungsbüro"),
        ],
    ),
]

REPORTS = [
    (
        "Bildungsbericht 2025",
        "2025-09-15",
        "Der Bildungsbericht beschreibt die Lage von der frühen Bildung bis zur Weiterbildung und "
        "zeigt, wo Handlungsbedarf besteht.",
        [
            ("Kinder in Kindertagesbetreuung (3 bis 6 Jahre)", "94 %", "Stichtag 1. März 2025"),
            ("Schulabgänge ohne Abschluss", "8,9 %", "Schuljahr 2023/24"),
            ("Teilnahmen an Volkshochschulkursen", "18.400", "2024"),
            ("Ausbildungsverträge", "2.150", "2024"),
        ],
    ),
    (
        "Monitoring frühe Bildung 2024",
        "2024-11-20",
        "Das Monitoring zeigt, wie sich Betreuungsquoten, Sprachförderbedarf und Personal in den "
        "Kitas entwickeln.",
        [
            ("Betreuungsquote unter 3 Jahren", "58 %", "2024"),
            ("Kinder mit Sprachförderbedarf bei der Schuleingangsuntersuchung", "21 %", "2024"),
            ("Offene Stellen für pädagogische Fachkräfte", "74", "Stand Oktober 2024"),
        ],
    ),
]

EVENTS = [
    (
        "Bildungskonferenz",
        45,
        "Die Bildungskonferenz bringt alle zusammen, die in der Stadt Bildung gestalten. Thema "
        "in diesem Jahr: gute Übergänge.",
        "Altes Rathaus, Festsaal",
        "Alter Markt 6, 39104 Magdeburg",
    ),
    (
        "Praxismesse Schule und Beruf",
        -60,
        "Betriebe, Schulen und Kammern zeigten Projekte, die Jugendlichen den Weg in den Beruf "
        "erleichtern.",
        "Messe Magdeburg, Halle 2",
        "Tessenowstraße 9a, 39114 Magdeburg",
    ),
]

LEGAL = {
    "impressum": (
        "Impressum",
        "Angaben zum Anbieter dieser Website (Demo).",
        [
            "<p>Landeshauptstadt Magdeburg (Demo-Inhalt), Bildungsbüro, Musterstraße 1, "
            "39104 Magdeburg. E-Mail: bildung@example.org.</p>",
            "<p>Diese Website ist ein Demonstrationsangebot; alle Angaben sind erfunden.</p>",
        ],
    ),
    "datenschutz": (
        "Datenschutz",
        "Wie wir mit Ihren Daten umgehen.",
        [
            "<p>Diese Website setzt keine Cookies für Besucherinnen und Besucher und "
            "bindet keine Inhalte von Dritten ein. Es gibt kein Tracking.</p>",
            "<p>Nachrichten über Formulare speichern wir nur, um Ihr Anliegen zu "
            "bearbeiten, und löschen sie nach sechs Monaten.</p>",
        ],
    ),
    "leichte-sprache": (
        "Leichte Sprache",
        "Informationen in Leichter Sprache.",
        [
            "<p>Auf dieser Internet-Seite geht es um Bildung in unserer Stadt.</p>",
            "<p>Bildung heißt: Menschen lernen etwas Neues.</p>",
            "<p>Das Bildungs·büro hilft dabei. Zum Beispiel in der Kita, in der "
            "Schule und im Beruf.</p>",
            "<p>Oben auf jeder Seite ist ein Menü. Dort finden Sie alle Themen.</p>",
        ],
    ),
    "gebaerdensprache": (
        "Gebärdensprache",
        "Informationen in Deutscher Gebärdensprache (DGS).",
        [
            "<p>Hier zeigen wir bald ein Video in Deutscher Gebärdensprache. "
            "Es erklärt, welche Informationen Sie auf dieser Website finden.</p>",
            "<p>Bis dahin erreichen Sie uns per E-Mail an bildung@example.org.</p>",
        ],
    ),
}


def _heading(text):
    return ("heading", {"text": text, "level": "h2"})


# Structured as the EU model statement (Durchführungsbeschluss (EU) 2018/1523) and BITV 2.0
# § 7 ask: compliance, what is not accessible and why, how the statement was made, feedback,
# and the arbitration procedure.
ACCESSIBILITY_STATEMENT = [
    (
        "paragraph",
        "<p>Die Landeshauptstadt ist bemüht, ihre Website im Einklang mit dem "
        "Behindertengleichstellungsgesetz des Landes und der Barrierefreie-Informationstechnik-"
        "Verordnung (BITV 2.0) barrierefrei zugänglich zu machen. Diese Erklärung gilt für "
        "alle Seiten dieser Website in Deutsch und in Leichter Sprache.</p>",
    ),
    _heading("Stand der Vereinbarkeit mit den Anforderungen"),
    (
        "paragraph",
        "<p>Diese Website ist <b>teilweise</b> mit der BITV 2.0 und der "
        "Europäischen Norm EN 301 549 (WCAG 2.1, Stufe AA) vereinbar. Jede Seitenart wird vor "
        "jeder Veröffentlichung einer neuen Version automatisch mit axe-core gegen WCAG 2.1 AA "
        "geprüft; Tastaturbedienung, Sprungmarke und Sprachwechsel werden im Browser getestet.</p>",
    ),
    _heading("Was wir versprechen"),
    (
        "paragraph",
        "<ul><li>Alle Inhalte sind mit der Tastatur erreichbar, Überschriften und "
        "Landmarken gliedern jede Seite.</li><li>Bilder haben Alternativtexte, dekorative Bilder "
        "sind als solche gekennzeichnet; jedes Bild nennt seine Urheberin oder seinen "
        "Urheber.</li><li>Texte gibt es auch in Leichter Sprache; schwere Wörter erklärt das "
        "Wörterbuch.</li><li>Die Seiten funktionieren ohne JavaScript, setzen keine Cookies und "
        "laden nichts von fremden Servern.</li></ul>",
    ),
    _heading("Nicht barrierefreie Inhalte"),
    (
        "paragraph",
        "<ul><li>Ältere PDF-Dokumente (Berichte vor 2024) sind nicht vollständig "
        "barrierefrei: Ihnen fehlen teilweise Tags und Lesereihenfolge. Wir stellen sie bis "
        "Ende 2027 um; auf Anfrage senden wir Ihnen den Inhalt in zugänglicher Form.</li>"
        "<li>Ein Video in Deutscher Gebärdensprache über diese Website folgt.</li><li>Angebote, "
        "die Anbieter selbst melden, enthalten nicht immer Angaben zur Barrierefreiheit des "
        "Veranstaltungsorts.</li></ul>",
    ),
    _heading("Erstellung dieser Erklärung"),
    (
        "paragraph",
        "<p>Diese Erklärung beruht auf einer Selbstbewertung und den automatischen "
        "Prüfungen jeder Seitenart. Sie wurde am 2. Dezember 2026 erstellt und zuletzt am "
        "2. Dezember 2026 überprüft.</p>",
    ),
    _heading("Feedback und Kontakt"),
    (
        "paragraph",
        "<p>Wenn Ihnen Barrieren auffallen oder Sie Inhalte in zugänglicher Form "
        "brauchen, schreiben Sie uns über das Formular unten oder an bildung@example.org. Wir "
        "antworten innerhalb von zwei Wochen.</p>",
    ),
    _heading("Schlichtungsverfahren"),
    (
        "paragraph",
        "<p>Wenn Sie mit unserer Antwort nicht zufrieden sind, können Sie sich an "
        "die Schlichtungsstelle nach dem Behindertengleichstellungsgesetz wenden. Das "
        "Schlichtungsverfahren ist kostenlos; Sie brauchen keine Rechtsberatung. Auf der "
        "Internetseite der Schlichtungsstelle finden Sie alle Informationen dazu.</p>",
    ),
]
