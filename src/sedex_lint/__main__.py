from sedex_lint.entry import main

main()
