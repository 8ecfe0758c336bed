"""What the extension relies on in sphinx-needs where no API promises it.

Each test fails when sphinx-needs changes the behaviour the extension builds on, so an
upgrade shows at once what to adapt (docs/architecture.rst lists these uses).
"""

from __future__ import annotations

from conftest import html


def test_our_directives_replace_the_ones_sphinx_needs_adds_for_our_need_types(shared_build):
    """sphinx-needs adds a directive for each need type at ``config-inited`` 500; the
    extension's, added at 501, must be the one that runs (its box, not a needs box)."""
    page = html(shared_build('toezeggingen'), 'tk')
    assert 'class="kamerstuk-toezegging docutils container" id="TZ202606-012"' in page
    assert 'class="need ' not in page  # no sphinx-needs rendering of our needs


def test_needs_added_after_reading_keep_their_sections(build, tmp_path):
    """``settle_needs`` gives a need sphinx-needs' own section list, found by its private
    ``get_sections_and_signature_and_needs``; without it, sections would be empty."""
    from sphinx_kamerstuk.ext import needs

    assert needs.get_sections_and_signature_and_needs.__module__ == ('sphinx_needs.directives.need')


def test_schema_validation_runs_only_where_the_project_asks(make_app, tmp_path, monkeypatch):
    """sphinx-needs' schema validation of every need at every build is off, unless the
    project sets it in conf.py or defines schemas; when on, it runs (``process_schemas``)."""
    from sphinx_needs.schema import process

    runs = []
    original = process.validate_field_link_schemas
    monkeypatch.setattr(
        process,
        'validate_field_link_schemas',
        lambda *args, **kwargs: runs.append(1) or original(*args, **kwargs),
    )
    index = 'T\n=\n\n.. toezegging:: Een tekst.\n   :id: T01\n'
    for name, conf, validated in [
        ('default', '', False),
        ('asked', 'needs_schema_validation_enabled = True\n', True),
    ]:
        srcdir = tmp_path / name
        srcdir.mkdir()
        (srcdir / 'conf.py').write_text(
            "extensions = ['sphinx_kamerstuk']\n" + conf, encoding='utf-8'
        )
        (srcdir / 'index.rst').write_text(index, encoding='utf-8')
        runs.clear()
        app = make_app('html', srcdir=srcdir)
        app.build()
        assert app.config.needs_schema_validation_enabled is validated
        assert bool(runs) is validated
        app.cleanup()


def test_a_build_that_reads_nothing_leaves_out_sphinx_needs_post_processing(make_app, tmp_path):
    """sphinx-needs post-processes every need when writing starts, through a listener only
    ``app.events.listeners`` shows; a no-change rebuild leaves it out and connects it again
    at the end, and a rebuild that reads a page post-processes and keeps the table right."""
    from sphinx_needs.needs import ensure_post_process_needs_data

    (tmp_path / 'conf.py').write_text("extensions = ['sphinx_kamerstuk']\n", encoding='utf-8')
    (tmp_path / 'index.rst').write_text(
        'T\n=\n\n.. toctree::\n\n   brief\n\n.. toezegging:: Een tekst.\n   :id: T01\n\n'
        '.. needtable::\n   :types: toezegging\n   :columns: id; vervult_back\n',
        encoding='utf-8',
    )
    letter = tmp_path / 'brief.rst'
    letter.write_text('B\n=\n\n.. kamerbrief:: Een brief\n   :vervult: T01\n', encoding='utf-8')

    def build() -> tuple[int, str]:
        app = make_app('html', srcdir=tmp_path)
        sealed = []
        app.connect('needs-before-sealing', lambda app, needs: sealed.append(len(needs)))
        app.build()
        listeners = app.events.listeners['write-started']
        assert ensure_post_process_needs_data in [listener.handler for listener in listeners]
        page = html(app, 'index')
        app.cleanup()
        return len(sealed), page

    sealed, page = build()
    assert sealed == 1
    assert 'brief.html' in page.partition('needs_vervult_back')[2]
    assert build()[0] == 0  # nothing read: left out
    letter.write_text('B\n=\n\n.. kamerbrief:: Een brief\n', encoding='utf-8')
    sealed, page = build()
    assert sealed == 1
    assert 'needs_vervult_back"><p></p>' in page  # the table no longer shows the letter
