"""The Discord face: the client and its start-up, who may moderate, rendering answers as embeds, the audit
channel, logging and the French names of commands.  Features (cogs) live in `bot.exts`."""
