from .committees import CommitteeIndexPage, CommitteeMeeting, CommitteeMember, CommitteePage
from .events import EventIndexPage, EventPage
from .glossary import GlossaryEntry, GlossaryPage
from .leitbild import LeitbildChapterPage, LeitbildPage
from .news import NewsIndexPage, NewsPage
from .reports import ReportDocument, ReportIndexPage, ReportKeyFigure, ReportPage
from .topics import TopicIndexPage, TopicPage

__all__ = [
    "CommitteeIndexPage",
    "CommitteeMeeting",
    "CommitteeMember",
    "CommitteePage",
    "EventIndexPage",
    "EventPage",
    "GlossaryEntry",
    "GlossaryPage",
    "LeitbildChapterPage",
    "LeitbildPage",
    "NewsIndexPage",
    "NewsPage",
    "ReportDocument",
    "ReportIndexPage",
    "ReportKeyFigure",
    "ReportPage",
    "TopicIndexPage",
    "TopicPage",
]
