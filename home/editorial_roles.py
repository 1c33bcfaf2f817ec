"""The editorial roles and the moderation workflow, as data. Read by the data migration that
creates them and by tests, so the roles are described in one place."""

REDAKTION = "Redaktion"
FREIGABE = "Freigabe"
UEBERSETZUNG = "Übersetzung"

WORKFLOW_NAME = "Redaktionelle Freigabe"
APPROVAL_TASK_NAME = "Freigabe durch die Redaktionsleitung"

# Page permissions on the whole tree, per group.
PAGE_PERMISSIONS = {
    REDAKTION: ["add_page", "change_page"],
    FREIGABE: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ],
    UEBERSETZUNG: [],  # only in the plain-language tree: TRANSLATION_PAGE_PERMISSIONS
}

# Page permissions of Übersetzung on each plain-language root page (its whole subtree).
TRANSLATION_PAGE_PERMISSIONS = ["add_page", "change_page"]

# Image and document permissions on the root collection, per group.
COLLECTION_PERMISSIONS = {
    REDAKTION: [
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    ],
    FREIGABE: [
        "add_image",
        "change_image",
        "delete_image",
        "choose_image",
        "add_document",
        "change_document",
        "delete_document",
        "choose_document",
    ],
    UEBERSETZUNG: ["choose_image", "choose_document"],
}

# Model permissions (app_label, codename), per group.
MODEL_PERMISSIONS = {
    REDAKTION: [
        ("wagtailadmin", "access_admin"),
        ("home", "add_topic"),
        ("home", "change_topic"),
        ("home", "view_topic"),
        ("home", "add_lifephase"),
        ("home", "change_lifephase"),
        ("home", "view_lifephase"),
        ("home", "add_audience"),
        ("home", "change_audience"),
        ("home", "view_audience"),
    ],
    FREIGABE: [
        ("wagtailadmin", "access_admin"),
        ("home", "add_topic"),
        ("home", "change_topic"),
        ("home", "delete_topic"),
        ("home", "view_topic"),
        ("home", "add_lifephase"),
        ("home", "change_lifephase"),
        ("home", "delete_lifephase"),
        ("home", "view_lifephase"),
        ("home", "add_audience"),
        ("home", "change_audience"),
        ("home", "delete_audience"),
        ("home", "view_audience"),
        ("home", "change_sitechromesettings"),
    ],
    UEBERSETZUNG: [
        ("wagtailadmin", "access_admin"),
        ("wagtail_localize", "submit_translation"),
        ("home", "view_topic"),
        ("home", "view_lifephase"),
        ("home", "view_audience"),
    ],
}
