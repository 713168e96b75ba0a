import '@backstage/cli/asset-types';
import ReactDOM from 'react-dom/client';
import App from './App';
// Styles of Backstage's own UI components, which the scaffolder's forms use.
import '@backstage/ui/css/styles.css';

ReactDOM.createRoot(document.getElementById('root')!).render(<App />);
