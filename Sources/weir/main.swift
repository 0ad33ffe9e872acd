import WeirCLI

WeirCommand.main()
