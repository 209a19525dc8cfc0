from mawjaz.bot.cli import main

main()
