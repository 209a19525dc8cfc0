"""Fake Telegram Bot API and Slack Web API servers, over real HTTP on 127.0.0.1, for the bot tests and benches."""
