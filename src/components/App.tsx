import React from 'react';
import { Route, Routes } from 'react-router-dom';
import type { AppRootProps } from '@grafana/data';
import { DictionaryPage } from '../pages/Dictionary';
import { Home } from '../pages/Home';
import { PipelineHealthPage } from '../pages/PipelineHealth';
import { PricesPage } from '../pages/Prices';
import { SetupPage } from '../pages/Setup';

function App(_props: AppRootProps) {
  return (
    <Routes>
      <Route path="setup" element={<SetupPage />} />
      <Route path="dictionary" element={<DictionaryPage />} />
      <Route path="prices" element={<PricesPage />} />
      <Route path="pipeline" element={<PipelineHealthPage />} />
      <Route path="*" element={<Home />} />
    </Routes>
  );
}

export default App;
