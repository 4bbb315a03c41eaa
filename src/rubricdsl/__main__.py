from rubricdsl.cli import main

main()
