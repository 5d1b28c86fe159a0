"""Settings every test run shares, notebooks included.

nbval starts each notebook's kernel from this process, so what is set in the
environment here reaches the kernels too.
"""

import os

# No progress bars in stored notebook outputs; one hash seed for every kernel.
os.environ["SYNTHLAB_PROGRESS"] = "0"
os.environ["PYTHONHASHSEED"] = "0"
