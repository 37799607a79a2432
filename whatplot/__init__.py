"""The `whatplot` command: one entry point for classify, bot, web, corpus, train and evaluate."""
