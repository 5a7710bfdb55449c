import { render } from 'preact';
import { AddPage } from './pages/Add.js';
import { ComparePage } from './pages/Compare.js';
import { CorpusPage } from './pages/Corpus.js';
import { DocumentPage } from './pages/Document.js';
import { GraphPage } from './pages/Graph.js';
import { QuotesPage } from './pages/Quotes.js';
import { href, useRoute } from './router.js';
import { Link } from './ui.js';
import './style.css';

function Page() {
  const { path } = useRoute();
  if (path === '/' || path === '') return <CorpusPage />;
  if (path.startsWith('/doc/')) {
    let id: string;
    try {
      id = decodeURIComponent(path.slice('/doc/'.length));
    } catch {
      id = path.slice('/doc/'.length);
    }
    return <DocumentPage id={id} />;
  }
  if (path === '/compare') return <ComparePage />;
  if (path === '/graph') return <GraphPage />;
  if (path === '/quotes') return <QuotesPage />;
  if (path === '/add') return <AddPage />;
  return <p class="error">No such page.</p>;
}

function App() {
  const { path } = useRoute();
  const nav = [
    ['Corpus', href.corpus(), path === '/'],
    ['Graph', href.graph(), path === '/graph'],
    ['Quotes', href.quotes(), path === '/quotes'],
    ['Compare', '/compare', path === '/compare'],
    ['Add', href.add(), path === '/add'],
  ] as const;
  return (
    <>
      <header>
        <span class="brand">Mimeo</span>
        <nav>
          {nav.map(([label, to, active]) => (
            <Link href={to} class={active ? 'active' : undefined}>{label}</Link>
          ))}
        </nav>
      </header>
      <main>
        <Page />
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
