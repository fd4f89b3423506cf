"""Sizes the renderers and the frame share (CSS pixels)."""

EXPORT_WIDTH = 1000  # CSS pixels; the PNG is twice this
PAD = 24
TITLE_SIZE, SUBTITLE_SIZE, CAPTION_SIZE = 20, 13, 12


