from sedex_lint.cli import main

main()
