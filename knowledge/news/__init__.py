"""News of new facts for those who asked for it: members' watch lists and servers' feed channels.

    watches.py     who watches what (a company or an industry), within a per-member limit; servers' feeds
    deliveries.py  the outbox's new facts, claimed by one process, sorted into one bulletin per watcher and feed

The write side queues every new fact in its own transaction (`knowledge.storage.outbox`); whichever process
claims it here turns it into bulletins, and the Discord face sends them.  Nothing here knows of Discord:
a member and a channel are numbers.
"""
