"""A citation role's warning names its own line, found from one read of the source."""

from __future__ import annotations

from pathlib import Path

from conftest import warnings

from sphinx_kamerstuk.ext.citations import roles

CONF = "extensions = ['sphinx_kamerstuk']\n"


def _project(tmp_path: Path, index: str) -> Path:
    srcdir = tmp_path / 'src'
    srcdir.mkdir()
    (srcdir / 'conf.py').write_text(CONF, encoding='utf-8')
    (srcdir / 'index.rst').write_text(index, encoding='utf-8')
    return srcdir


def test_the_same_role_twice_in_a_paragraph_warns_at_each_line(make_app, tmp_path):
    srcdir = _project(
        tmp_path,
        'Titel\n=====\n\nZie :kst:`Kamerstukken II 2025/26, nr. 3`\nen verder\n'
        'ook :kst:`Kamerstukken II 2025/26, nr. 3`.\n',
    )
    app = make_app('html', srcdir=srcdir)
    app.build()
    app.cleanup()
    source = srcdir / 'index.rst'
    assert [line.split(' WARNING')[0] for line in warnings(app)] == [
        f'{source}:4:',
        f'{source}:6:',
    ]


def test_many_warnings_read_the_source_once(make_app, tmp_path, monkeypatch):
    lines = [f'Regel {n}: :kst:`Kamerstukken II 2025/26, nr. {n}`' for n in range(200)]
    srcdir = _project(tmp_path, 'Titel\n=====\n\n' + '\n'.join(lines) + '\n')
    source = srcdir / 'index.rst'
    reads = []

    class CountingPath(type(source)):
        def read_text(self, *args, **kwargs):
            reads.append(self)
            return super().read_text(*args, **kwargs)

    monkeypatch.setattr(roles, 'Path', CountingPath)
    app = make_app('html', srcdir=srcdir)
    app.build()
    app.cleanup()
    found = warnings(app)
    assert [line.split(' WARNING')[0] for line in found] == [
        f'{source}:{n + 4}:' for n in range(200)
    ]
    assert len(reads) == 1
