"""Outside text into drafts: moderators' forms, tracker exports, news articles, the bundled packs."""
