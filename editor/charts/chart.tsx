/** A React host for one echarts instance: created once, options replaced on change, resized with its box. */
import { useEffect, useRef } from 'react';
import { echarts } from './echarts-setup.ts';

type Option = Parameters<ReturnType<typeof echarts.init>['setOption']>[0];

export function Chart({ option, height, testId, label }: { option: Option; height: number; testId?: string; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | undefined>(undefined);
  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return <div ref={box} className="chart" style={{ height }} data-testid={testId} role="img" aria-label={label} />;
}
