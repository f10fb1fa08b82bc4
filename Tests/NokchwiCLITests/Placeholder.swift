// tests of NokchwiCLI
