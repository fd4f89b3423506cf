"""`streamlit run streamlit_app.py` with bench/ablation.py's removal installed first, in the
server's own process: `python -m bench.ablated_server run streamlit_app.py …` (bench/budget.py).
The product's files are not changed; the entry point stays streamlit_app.py, so its pages'
links resolve as they do in the product."""

import sys

from streamlit.web.cli import main

from bench.ablation import install

if __name__ == "__main__":
    install()
    sys.argv = ["streamlit", *sys.argv[1:]]
    sys.exit(main())
