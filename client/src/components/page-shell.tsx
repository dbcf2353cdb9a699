import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import { useElderMode } from '../hooks/use-session';
import { NavFailure } from './nav-failure';

interface Props {
  className?: string;
  /** Leaves room for the bottom navigation. */
  withNav?: boolean;
}

/** The root of every page: applies the account's elder mode as the `elder` class. */
export function PageShell({ children, className, withNav }: PropsWithChildren<Props>) {
  const elder = useElderMode();
  const classes = ['page', elder ? 'elder' : '', withNav ? 'page--with-nav' : '', className ?? ''];
  return (
    <View className={classes.filter(Boolean).join(' ')}>
      {children}
      <NavFailure />
    </View>
  );
}
