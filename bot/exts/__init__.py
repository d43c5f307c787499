"""Features of the Discord bot, one cog each: an interaction comes in, the knowledge base answers or changes, the
reply is rendered (bot.discord.render).  Cogs never import each other; what they share is in bot.discord."""
