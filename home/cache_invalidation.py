"""Which cached URLs a change makes stale, purged from both cache layers after the commit.

wagtail.contrib.frontend_cache purges a page itself when it is published or unpublished (at
once, inside the transaction). This module adds, once the change is committed (so no request
can re-cache the old state between purge and commit):

- the page's own URL and its language versions (their language switch links to it),
- its parent (section indexes list their children), and the listings that show it elsewhere:
  the home page (latest news, teasers), topic pages (news and offers of their topic), the
  finder (offers) and the pages API,
- on a move or a slug change the old and the new URLs of the page and all its descendants,
  and the old parent,
- everything when a page of the main navigation (a child of a home page) changes.

Offers are snippets at /angebote/<slug>/: saving, publishing, unpublishing or deleting one
purges its page, its language versions and the finder and topic pages of its language. Bulk
imports write without signals; they call `purge_offers(ids)`.

The same hooks (and saved site settings, sites, vocabulary terms and Wörterbuch entries) drop
the fragment cache (home.fragment_cache: navigation, footer, private sections, vocabularies,
finder URL, Wörterbuch), whatever PAGE_CACHE_SECONDS says."""

from types import SimpleNamespace

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from home import fragment_cache, page_cache


def page_url(page):
    """Full URL of a page (None when it is not routable)."""
    try:
        return page.get_full_url()
    except Page.DoesNotExist:
        return None


def api_urls(page):
    """The pages API's listings and the page's own API document, on the page's site."""
    parts = page.get_url_parts()
    if not parts or not parts[1]:
        return []
    root = parts[1].rstrip("/")
    urls = [root + path for path in settings.PAGE_CACHE_API_LISTING_PATHS]
    urls += [f"{root}{path}{page.pk}/" for path in settings.PAGE_CACHE_API_LISTING_PATHS]
    return urls


def is_in_navigation(page):
    """A child of a home page: its title and place are in every page's main navigation."""
    from home.models import HomePage

    parent = page.get_parent()
    return parent is not None and parent.specific_class is HomePage


def listing_urls(page):
    """URLs of the pages that show `page` (specific) besides its parent."""
    from articles.models import NewsPage, TopicPage
    from home.models import HomePage

    homes = list(HomePage.objects.live().filter(teasers__page=page).distinct())
    urls = set()
    if isinstance(page, NewsPage):
        homes += HomePage.objects.live().ancestor_of(page)
        topic_ids = list(page.topics.values_list("pk", flat=True))
        urls.update(
            page_url(topic_page)
            for topic_page in TopicPage.objects.live().filter(
                topic__in=topic_ids, locale_id=page.locale_id
            )
        )
    urls.update(page_url(home) for home in homes)
    return urls


def urls_for_page(page):
    """Everything that shows `page`: itself, its language versions, their parents and
    listings, and the pages API."""
    page = page.specific_deferred
    urls = set(api_urls(page))
    versions = [page, *page.get_translations().specific()]
    for version in versions:
        urls.add(page_url(version))
        parent = version.get_parent()
        if parent is not None and parent.depth > 1:
            urls.add(page_url(parent))
        urls.update(listing_urls(version))
    urls.discard(None)
    return urls


def subtree_urls(page, old_url_path):
    """The URLs the live pages of the subtree of `page` had before its url_path was
    `page.url_path` (they had `old_url_path`), and the ones they have now."""
    urls = set()
    new_url_path = page.url_path
    for descendant in page.get_descendants(inclusive=True).live().specific(defer=True):
        urls.add(page_url(descendant))
        if old_url_path and descendant.url_path.startswith(new_url_path):
            descendant.url_path = old_url_path + descendant.url_path[len(new_url_path) :]
            urls.add(page_url(descendant))
    urls.discard(None)
    return urls


def all_page_urls():
    """Every live page of every site (the main navigation changed)."""
    urls = set()
    batch = SimpleNamespace()  # Wagtail keeps the site root paths on it while we loop
    for page in Page.objects.live().public().specific(defer=True).iterator():
        url = page.get_full_url(batch)
        if url:
            urls.add(url)
    return urls


def purge(urls, *, everything=False):
    """Purge after the surrounding transaction commits (at once outside of one). `urls` may
    be a function that returns them, called then: most transactions of the test suite never
    commit, and with the caches off (PAGE_CACHE_SECONDS = 0) nothing is computed at all."""
    if page_cache.ttl() <= 0:
        return

    def run():
        if everything:
            page_cache.invalidate_all()
        found = urls() if callable(urls) else urls
        purge_urls_from_cache(sorted(url for url in found if url))

    transaction.on_commit(run)


def purge_page(page, *, extra=()):
    """Purge a page and everything that lists it (reloaded once the change is committed)."""

    def urls():
        specific = Page.objects.filter(pk=page.pk).specific().first() or page
        found = set(extra) | urls_for_page(specific)
        if is_in_navigation(specific):
            page_cache.invalidate_all()
            found |= all_page_urls()
        return found

    purge(urls)


def offer_urls(offer):
    """An offer's page and its language versions, and the finder and topic pages of their
    languages."""
    from articles.models import TopicPage
    from offers.models import FinderPage

    site = Site.objects.filter(is_default_site=True).first()
    root = site.root_url.rstrip("/") if site else ""
    versions = [offer, *offer.get_translations()]
    urls = set()
    for version in versions:
        if version.slug:
            urls.add(root + version.url)
        for path in settings.PAGE_CACHE_OFFER_API_PATHS:
            urls.update((f"{root}{path}", f"{root}{path}{version.pk}/"))
        topic_ids = [topic.pk for topic in version.topics.all()]
        listings = FinderPage.objects.live().filter(locale_id=version.locale_id)
        urls.update(page_url(page) for page in listings)
        urls.update(
            page_url(page)
            for page in TopicPage.objects.live().filter(
                topic__in=topic_ids, locale_id=version.locale_id
            )
        )
    urls.discard(None)
    return urls


def offers_urls(*offer_ids):
    from offers.models import Offer

    urls = set()
    for offer in Offer.objects.filter(pk__in=offer_ids).prefetch_related("topics"):
        urls |= offer_urls(offer)
    return urls


# Above this many offers (a big import) purging each offer's page costs more than it saves:
# the application cache starts a new generation and nginx gets the listings purged, its copies
# of single offer pages age out with PAGE_CACHE_SECONDS.
PURGE_EACH_OFFER_LIMIT = 100


def purge_offers(offer_ids):
    """Purge the pages of these offers and the listings that show them (after imports)."""
    offer_ids = list(offer_ids)
    if offer_ids:
        fragment_cache.forget_listings()
    if len(offer_ids) > PURGE_EACH_OFFER_LIMIT:
        purge(lambda: offers_urls(*offer_ids[:PURGE_EACH_OFFER_LIMIT]), everything=True)
    elif offer_ids:
        purge(lambda: offers_urls(*offer_ids))


def on_page_changed(sender, instance, **kwargs):
    fragment_cache.invalidate()
    purge_page(instance)


def on_page_moved(sender, instance, parent_page_before, url_path_before, **kwargs):
    from home.models import HomePage

    fragment_cache.invalidate()
    if page_cache.ttl() <= 0:
        return
    extra = subtree_urls(instance, url_path_before)
    extra.add(page_url(parent_page_before))
    if parent_page_before.specific_class is HomePage:  # it left the main navigation
        purge(all_page_urls, everything=True)
    purge_page(instance, extra=extra)


def on_page_slug_changed(sender, instance, instance_before, **kwargs):
    fragment_cache.invalidate()
    if page_cache.ttl() <= 0:
        return
    purge_page(instance, extra=subtree_urls(instance, instance_before.url_path))


def on_page_deleted(sender, instance, **kwargs):
    """A deleted live page: computed now, while its parent and listings still exist."""
    fragment_cache.invalidate()
    if instance.live and page_cache.ttl() > 0:
        everything = is_in_navigation(instance)
        urls = urls_for_page(instance) | (all_page_urls() if everything else set())
        purge(urls, everything=everything)


def on_view_restriction_changed(sender, instance, **kwargs):
    """A page became private (or public): none of its subtree may stay in a cache."""
    fragment_cache.invalidate()
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None and page_cache.ttl() > 0:
        purge(subtree_urls(page, None) | urls_for_page(page))


def on_offer_saved(sender, instance, **kwargs):
    fragment_cache.forget_listings()
    purge(lambda: offers_urls(instance.pk))


def on_offer_deleted(sender, instance, **kwargs):
    fragment_cache.forget_listings()
    if page_cache.ttl() > 0:
        purge(offer_urls(instance))


def on_chrome_changed(sender, **kwargs):
    """Site settings, a site, a vocabulary term or a Wörterbuch entry: the fragment cache
    keeps them."""
    from home.models import SiteChromeSettings

    if sender is SiteChromeSettings and kwargs.get("created"):
        return  # for_site() creating the empty settings while a page renders: nothing changed
    fragment_cache.invalidate()


def on_image_changed(sender, **kwargs):
    """An image's file, alt text or credit: listings show them on their cards."""
    fragment_cache.forget_listings()


def connect():
    from wagtail.images import get_image_model

    from articles.models import GlossaryEntry
    from home.models import SiteChromeSettings
    from offers.models import Offer

    page_published.connect(on_page_changed, dispatch_uid="page_cache_published")
    page_unpublished.connect(on_page_changed, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="page_cache_moved")
    page_slug_changed.connect(on_page_slug_changed, dispatch_uid="page_cache_slug")
    pre_delete.connect(on_page_deleted, sender=Page, dispatch_uid="page_cache_deleted")
    post_save.connect(
        on_view_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="page_cache_restriction_saved",
    )
    post_delete.connect(
        on_view_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="page_cache_restriction_deleted",
    )
    # before the delete: the offer's topics and language versions are still there
    post_save.connect(on_offer_saved, sender=Offer, dispatch_uid="page_cache_offer_saved")
    pre_delete.connect(on_offer_deleted, sender=Offer, dispatch_uid="page_cache_offer_deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            on_image_changed,
            sender=get_image_model(),
            dispatch_uid=f"fragment_cache_image_{signal is post_save}",
        )
    for model in (SiteChromeSettings, Site, GlossaryEntry, *fragment_cache.vocabulary_models()):
        for signal in (post_save, post_delete):
            signal.connect(
                on_chrome_changed,
                sender=model,
                dispatch_uid=f"fragment_cache_{model._meta.label_lower}_{signal is post_save}",
            )
