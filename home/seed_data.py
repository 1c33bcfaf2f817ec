"""The vocabulary a fresh installation starts with: slugs and names exactly as in the offer-import
contract (shared/contracts/offer-import.md). Editors change them in the admin afterwards."""

TOPICS = [
    ("bne", "Bildung für nachhaltige Entwicklung"),
    ("mint", "MINT"),
    ("uebergang-kita-grundschule", "Übergang Kita-Grundschule"),
    ("uebergang-grundschule-weiterfuehrende-schule", "Übergang Grundschule-weiterführende Schule"),
    ("uebergang-schule-beruf", "Übergang Schule-Beruf"),
    ("uebergang-nachberufliche-phase", "Übergang Erwerbsleben-nachberufliche Phase"),
    ("fachkraeftesicherung", "Fachkräftesicherung"),
    ("lebenslanges-lernen", "Lebenslanges Lernen"),
    ("kulturelle-bildung", "Kulturelle Bildung"),
    ("bildung-und-teilhabe", "Bildung und Teilhabe"),
    ("grundbildung", "Grundbildung und Alphabetisierung"),
    ("berufsorientierung", "Berufsorientierung"),
    ("demokratiebildung", "Demokratiebildung"),
    ("sprachfoerderung", "Sprachförderung"),
    ("digitale-bildung", "Digitale Bildung"),
]

LIFE_PHASES = [
    ("fruehe-kindheit", "Frühe Kindheit (0-6)"),
    ("grundschulalter", "Grundschulalter (6-10)"),
    ("jugend", "Jugend (10-18)"),
    ("junge-erwachsene", "Junge Erwachsene (18-27)"),
    ("erwerbsleben", "Erwerbsleben"),
    ("nachberufliche-phase", "Nachberufliche Phase"),
]

AUDIENCES = [
    ("kinder", "Kinder"),
    ("jugendliche", "Jugendliche"),
    ("eltern", "Eltern und Familien"),
    ("erwachsene", "Erwachsene"),
    ("senioren", "Seniorinnen und Senioren"),
    ("lehrkraefte", "Lehrkräfte"),
    ("fachkraefte", "Pädagogische Fachkräfte"),
    ("unternehmen", "Unternehmen"),
    ("zugewanderte", "Zugewanderte"),
]
