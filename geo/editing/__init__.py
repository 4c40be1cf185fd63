"""Editing the data safely: canonical files, diffs, validated atomic saves with history and
conflict detection, coordinate hygiene (CRS, Chinese web-map offsets) and editor credentials.

Used by the Editor page (pages/6_editor.py) and by `python -m geo fmt|validate|add-editor`.
Nothing here imports streamlit.
"""
