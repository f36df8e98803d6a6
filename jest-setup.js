// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';
import { configure } from '@testing-library/react';

// Async queries wait on React renders of thousands of tiles; on a busy 2-core machine the default of
// 1 s is too short for them, while a real failure still fails, only later.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30000);
