from . import client_base_demo_story
