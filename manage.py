#!/usr/bin/env python
from cadre.manage import main

if __name__ == "__main__":
    main()
