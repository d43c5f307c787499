"""layoffbot's faces: the command line and the Discord bot, over `knowledge`."""
