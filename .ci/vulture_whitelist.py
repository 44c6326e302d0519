"""Names vulture finds unused that are used by name from outside the code it reads (`vulture` in .ci/run reads this).

Vulture only parses this file. Add a name here only with the caller that uses it; remove dead code instead.
"""
# ruff: noqa: B018, F821

# Qt calls these overrides by name.
_.wheelEvent  # ui/person.py: a wheel turn over a closed combo box
_.createEditor  # ui/tabs/visits.py: the item delegate's editor, its data in and out
_.setEditorData
_.setModelData
previous  # the currentChanged(current, previous) slot's second argument, which the signal always passes

# pydantic reads these by name.
_.model_config
_.city_fund_pays  # FundResult fields, read by name (compare.py, ui/dialogs/fund.py) and written out as JSON
_.district_finance_pays

# The standard library reads these attributes.
_.text_factory  # sqlite3.Connection (state/history.py)
_.uid  # tarfile.TarInfo, set so the archive is owned by nobody (build_scripts/build.py)
_.gid
_.uname
_.gname

# fontTools' subsetter reads its options by name (build_scripts/subset_font.py).
_.fontNames
_.FullName
_.FamilyName
_.font_number
_.layout_features
_.name_IDs
_.name_languages
_.notdef_outline
_.glyph_names

# pytest: fixtures asked for their effect (a QApplication exists) or applied to every test; a fake's signature.
qapp
discard_without_asking
src  # tests/state/test_paths_atomic.py: a failing os.replace takes (src, dst)
dst

# The menus name the window's or a tab's methods they call (ui/actions.py, MENUS).
_.show_about
_.import_file
_.scan_case

# build_scripts/subset_font.py: fontTools writes the OpenType count field kept beside the list it counts.
_.LangSysCount
