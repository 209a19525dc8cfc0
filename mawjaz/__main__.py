from mawjaz.cli import main

main()
