import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Pages render many MUI components; on a loaded CI machine the first render can take longer than the default
// one second that `findBy*` waits.
configure({ asyncUtilTimeout: 5000 });
