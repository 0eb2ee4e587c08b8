import path from 'node:path';
const { openStore } = await import(path.join(process.cwd(), 'dist/src/store/open-store.js'));
const g = await import(path.join(process.cwd(), 'dist/test/bench/generate-item-extracts.js'));
const store = openStore(process.argv[2]);
const s = await g.createBenchSitroom(store, g.bundledAssessmentConfig());
await s.ask('/who ushakov', { id: 'console:b', name: 'b' });
const c = process.cpuUsage(); console.log('startup', performance.now().toFixed(0), 'cpu', ((c.user + c.system) / 1000).toFixed(0), 'rss', (process.memoryUsage.rss() / 1048576).toFixed(0));
store.close();
