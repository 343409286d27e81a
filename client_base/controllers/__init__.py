from . import portal
from . import feedback
